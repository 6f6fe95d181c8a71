import { describe, expect, it } from 'vitest';
import { checkUpstreamUrl, UpstreamAllowlist, type ResolveHost } from './check-upstream-url.js';

const none = new UpstreamAllowlist([]);
const resolvesTo =
  (...addresses: string[]): ResolveHost =>
  async () =>
    addresses;
const unresolvable: ResolveHost = async () => {
  throw new Error('ENOTFOUND');
};

describe('checkUpstreamUrl', () => {
  it('accepts public https URLs', async () => {
    expect(
      await checkUpstreamUrl('https://api.openai.com/v1', none, resolvesTo('104.18.7.192')),
    ).toBeUndefined();
  });

  it.each([
    'http://127.0.0.1:8080',
    'http://10.0.0.5/v1',
    'http://172.20.1.1',
    'http://192.168.0.10',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]:9000',
    'http://[fd00::1]/',
    'http://[::ffff:10.0.0.1]/',
    'http://0.0.0.0/',
    'http://localhost:11434',
    'http://ollama.internal',
    'http://printer.local',
  ])('refuses %s', async (url) => {
    expect(await checkUpstreamUrl(url, none, unresolvable)).toMatch(
      /SWITCHYARD_ALLOW_PRIVATE_UPSTREAMS/,
    );
  });

  it('refuses names that resolve to private addresses', async () => {
    expect(
      await checkUpstreamUrl(
        'https://sneaky.example.com',
        none,
        resolvesTo('93.184.216.34', '10.0.0.1'),
      ),
    ).toMatch(/resolves to 10\.0\.0\.1/);
  });

  it('accepts names that do not resolve at save time', async () => {
    expect(await checkUpstreamUrl('https://api.example.com', none, unresolvable)).toBeUndefined();
  });

  it('refuses other schemes, credentials in the URL and non-URLs', async () => {
    expect(await checkUpstreamUrl('ftp://example.com', none, unresolvable)).toBe(
      'must use http or https',
    );
    expect(await checkUpstreamUrl('https://user:pass@example.com', none, unresolvable)).toMatch(
      /credentials/,
    );
    expect(await checkUpstreamUrl('not a url', none, unresolvable)).toMatch(/absolute URL/);
  });

  it('honours the allowlist by hostname, address and CIDR', async () => {
    const allowlist = new UpstreamAllowlist(['127.0.0.1', 'ollama.internal', '10.8.0.0/16']);
    expect(
      await checkUpstreamUrl('http://127.0.0.1:9/v1', allowlist, unresolvable),
    ).toBeUndefined();
    expect(
      await checkUpstreamUrl('http://ollama.internal', allowlist, unresolvable),
    ).toBeUndefined();
    expect(await checkUpstreamUrl('http://10.8.3.4', allowlist, unresolvable)).toBeUndefined();
    expect(await checkUpstreamUrl('http://10.9.3.4', allowlist, unresolvable)).toBeDefined();
    expect(await checkUpstreamUrl('http://127.0.0.2', allowlist, unresolvable)).toBeDefined();
  });
});
