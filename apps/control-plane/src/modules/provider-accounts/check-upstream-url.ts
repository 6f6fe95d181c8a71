import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * SSRF guard for provider base URLs: the data plane sends tenant-configured traffic to these URLs,
 * so an admin must not be able to point it at loopback, link-local (cloud metadata) or private
 * networks unless a platform admin allowlisted the host (SWITCHYARD_ALLOW_PRIVATE_UPSTREAMS).
 */

const privateRanges = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv6');
}

const privateNameSuffixes = ['localhost', 'local', 'internal', 'lan', 'home.arpa'];

/** Resolves a hostname to its addresses; injectable so tests never depend on DNS. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

export const resolveWithDns: ResolveHost = async (hostname) => {
  const answers = await lookup(hostname, { all: true, verbatim: true });
  return answers.map((answer) => answer.address);
};

/** An allowlist built from `SWITCHYARD_ALLOW_PRIVATE_UPSTREAMS` entries (hostnames, IPs, CIDRs). */
export class UpstreamAllowlist {
  private readonly hostnames = new Set<string>();
  private readonly ranges = new BlockList();

  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [address, prefixText] = entry.split('/');
      const family = address ? isIP(address) : 0;
      if (address && family) {
        const type = family === 4 ? 'ipv4' : 'ipv6';
        const prefix = prefixText === undefined ? (family === 4 ? 32 : 128) : Number(prefixText);
        this.ranges.addSubnet(address, prefix, type);
      } else {
        this.hostnames.add(entry.toLowerCase());
      }
    }
  }

  allowsHost(hostname: string): boolean {
    return this.hostnames.has(hostname.toLowerCase());
  }

  allowsAddress(address: string): boolean {
    const family = isIP(address);
    return family !== 0 && this.ranges.check(address, family === 4 ? 'ipv4' : 'ipv6');
  }
}

function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  // IPv4-mapped IPv6 (::ffff:10.0.0.1) must be judged as the IPv4 address it carries.
  const mapped = family === 6 ? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] : undefined;
  if (mapped) return privateRanges.check(mapped, 'ipv4');
  return privateRanges.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Returns why `text` is not an acceptable provider base URL, or undefined if it is. Names that do
 * not resolve at save time are accepted: the data plane connects later and DNS may differ there.
 */
export async function checkUpstreamUrl(
  text: string,
  allowlist: UpstreamAllowlist,
  resolveHost: ResolveHost = resolveWithDns,
): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be an absolute URL such as https://api.openai.com/v1';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must use http or https';
  if (url.username || url.password)
    return 'must not contain credentials; store them as upstream keys';
  const hostname = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (allowlist.allowsHost(hostname)) return undefined;
  const refusal = `points to a loopback, link-local or private address; ask a platform admin to add '${hostname}' to SWITCHYARD_ALLOW_PRIVATE_UPSTREAMS if this is intended`;
  if (isIP(hostname)) {
    return isPrivateAddress(hostname) && !allowlist.allowsAddress(hostname) ? refusal : undefined;
  }
  if (privateNameSuffixes.some((suffix) => hostname === suffix || hostname.endsWith(`.${suffix}`)))
    return refusal;
  let addresses: string[];
  try {
    addresses = await resolveHost(hostname);
  } catch {
    return undefined;
  }
  const blocked = addresses.find(
    (address) => isPrivateAddress(address) && !allowlist.allowsAddress(address),
  );
  return blocked ? `${refusal} (resolves to ${blocked})` : undefined;
}
