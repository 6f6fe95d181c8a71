import { createHash, createHmac } from 'node:crypto';

/**
 * AWS Signature Version 4 for header-signed requests, with node:crypto only.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 * Proven against the official SigV4 test suite (sign-aws-request.test.ts).
 */

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary (STS) credentials also need the session token, sent as x-amz-security-token. */
  sessionToken?: string | undefined;
}

export interface AwsSigningInput {
  method: string;
  /** Absolute URL exactly as it will be sent (path already percent-encoded). */
  url: string;
  /** Headers to send and sign; `host` is derived from the URL unless given. */
  headers: Readonly<Record<string, string>>;
  body: string;
  /** Signing name, e.g. `bedrock`. */
  service: string;
  region: string;
  credentials: AwsCredentials;
  /** Injected clock: the signature embeds the time, and AWS rejects skew beyond 5 minutes. */
  now: Date;
}

const algorithm = 'AWS4-HMAC-SHA256';

/**
 * Returns the headers to send: the input headers plus `x-amz-date`, `x-amz-security-token` (with
 * temporary credentials) and `authorization`. `host` is signed but not returned, because HTTP
 * clients derive it from the URL and refuse to let callers set it.
 */
export function signAwsRequest(input: AwsSigningInput): Record<string, string> {
  const amzDate = input.now.toISOString().replace(/[-:]|\.\d{3}/g, '');
  const dateStamp = amzDate.slice(0, 8);
  const added: Record<string, string> = { 'x-amz-date': amzDate };
  if (input.credentials.sessionToken)
    added['x-amz-security-token'] = input.credentials.sessionToken;

  const url = new URL(input.url);
  const signed = { host: url.host, ...lowercaseKeys(input.headers), ...added };
  const { canonicalRequest, signedHeaders } = createCanonicalRequest(
    input.method,
    url,
    signed,
    input.body,
  );

  const scope = `${dateStamp}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = [algorithm, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = [dateStamp, input.region, input.service, 'aws4_request'].reduce<
    Buffer | string
  >((key, part) => hmac(key, part), `AWS4${input.credentials.secretAccessKey}`);
  const signature = hmac(signingKey, stringToSign).toString('hex');

  return {
    ...input.headers,
    ...added,
    authorization: `${algorithm} Credential=${input.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

/**
 * Task 1 of SigV4: method, canonical URI, canonical query, canonical headers, signed header
 * names and the payload hash, one per line. Exported for tests.
 */
export function createCanonicalRequest(
  method: string,
  url: URL,
  headers: Readonly<Record<string, string>>,
  body: string,
): { canonicalRequest: string; signedHeaders: string } {
  const names = Object.keys(headers).sort();
  const canonicalHeaders = names
    .map((name) => `${name}:${(headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const signedHeaders = names.join(';');
  const canonicalRequest = [
    method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQuery(url.search),
    canonicalHeaders,
    signedHeaders,
    sha256Hex(body),
  ].join('\n');
  return { canonicalRequest, signedHeaders };
}

/**
 * Every path segment is URI-encoded once more, on top of the encoding it already has on the
 * wire — AWS requires this double encoding for every service except S3. It is why a Bedrock
 * model id such as `…-v1:0`, sent as `…-v1%3A0`, is signed as `…-v1%253A0` (reference §4.10).
 */
function canonicalUri(pathname: string): string {
  if (pathname === '') return '/';
  return pathname.split('/').map(encodeRfc3986).join('/');
}

/** Parameters decoded, re-encoded per RFC 3986 and sorted by name, then value. */
function canonicalQuery(search: string): string {
  if (search.length <= 1) return '';
  const pairs = search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals === -1 ? pair : pair.slice(0, equals);
      const value = equals === -1 ? '' : pair.slice(equals + 1);
      return [
        encodeRfc3986(decodeURIComponent(name)),
        encodeRfc3986(decodeURIComponent(value)),
      ] as const;
    });
  pairs.sort(
    ([nameA, valueA], [nameB, valueB]) => compare(nameA, nameB) || compare(valueA, valueB),
  );
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

/** RFC 3986 unreserved characters stay; everything else, including !'()*, is %XX-encoded. */
function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Byte-order comparison, as SigV4 sorts (not locale order). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function lowercaseKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
}

function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}
