import { describe, expect, it } from 'vitest';
import {
  createCanonicalRequest,
  signAwsRequest,
  type AwsSigningInput,
} from './sign-aws-request.js';

/**
 * Cases from the official AWS Signature Version 4 test suite
 * (https://docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html, as republished in
 * awslabs/aws-c-auth tests/aws-signing-test-suite/v4): same credentials, clock, region and
 * service for every case; the expected signatures are AWS's, not ours.
 */
const suite = {
  region: 'us-east-1',
  service: 'service',
  now: new Date('2015-08-30T12:36:00Z'),
  credentials: {
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  },
};
const stsToken =
  'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==';

const sign = (overrides: Partial<AwsSigningInput>) =>
  signAwsRequest({
    method: 'GET',
    url: 'https://example.amazonaws.com/',
    headers: {},
    body: '',
    ...suite,
    ...overrides,
  });
const authorization = (signedHeaders: string, signature: string) =>
  `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=${signedHeaders}, Signature=${signature}`;

describe('signAwsRequest against the AWS SigV4 test suite', () => {
  it('get-vanilla', () => {
    expect(sign({})).toEqual({
      'x-amz-date': '20150830T123600Z',
      authorization: authorization(
        'host;x-amz-date',
        '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
      ),
    });
  });

  it.each([
    [
      'post-vanilla',
      'POST',
      '/',
      '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b',
    ],
    [
      'post-vanilla-query',
      'POST',
      '/?Param1=value1',
      '28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11',
    ],
    [
      'get-vanilla-empty-query-key',
      'GET',
      '/?Param1=value1',
      'a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb',
    ],
    [
      'get-vanilla-query-order-key-case',
      'GET',
      '/?Param2=value2&Param1=value1',
      'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
    ],
    [
      'get-vanilla-query-order-encoded',
      'GET',
      '/?Param-3=Value3&Param=Value2&%E1%88%B4=Value1',
      '371d3713e185cc334048618a97f809c9ffe339c62934c032af5a0e595648fcac',
    ],
    [
      'get-vanilla-query-unreserved',
      'GET',
      '/?-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
      '9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197',
    ],
    [
      'get-unreserved',
      'GET',
      '/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
      '07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f',
    ],
  ])('%s', (_name, method, path, signature) => {
    expect(sign({ method, url: `https://example.amazonaws.com${path}` }).authorization).toBe(
      authorization('host;x-amz-date', signature),
    );
  });

  it('post-header-key-sort and get-header-value-trim (header canonicalisation)', () => {
    expect(sign({ method: 'POST', headers: { 'My-Header1': 'value1' } }).authorization).toBe(
      authorization(
        'host;my-header1;x-amz-date',
        'c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c',
      ),
    );
    expect(
      sign({ headers: { 'My-Header1': ' value1', 'My-Header2': '"a   b   c"' } }).authorization,
    ).toBe(
      authorization(
        'host;my-header1;my-header2;x-amz-date',
        'acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736',
      ),
    );
  });

  it('get-vanilla-with-session-token and post-sts-header-before (temporary credentials)', () => {
    const withToken = (sessionToken: string) => ({
      credentials: { ...suite.credentials, sessionToken },
    });
    const get = sign(withToken('6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267'));
    expect(get['x-amz-security-token']).toBe(
      '6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267',
    );
    expect(get.authorization).toBe(
      authorization(
        'host;x-amz-date;x-amz-security-token',
        '07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8',
      ),
    );
    expect(sign({ method: 'POST', ...withToken(stsToken) }).authorization).toBe(
      authorization(
        'host;x-amz-date;x-amz-security-token',
        '85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead',
      ),
    );
  });

  it('post-x-www-form-urlencoded (payload hash)', () => {
    const signed = sign({
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': '13',
        'X-Amz-Content-Sha256': '9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e',
      },
      body: 'Param1=value1',
    });
    expect(signed.authorization).toBe(
      authorization(
        'content-length;content-type;host;x-amz-content-sha256;x-amz-date',
        'd3875051da38690788ef43de4db0d8f280229d82040bfac253562e56c3f20e0b',
      ),
    );
  });
});

describe('createCanonicalRequest', () => {
  it('double-encodes an already-encoded Bedrock model id in the canonical URI', () => {
    const url = new URL(
      'https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse',
    );
    const { canonicalRequest } = createCanonicalRequest('POST', url, { host: url.host }, '{}');
    expect(canonicalRequest.split('\n')[1]).toBe(
      '/model/anthropic.claude-3-5-sonnet-20240620-v1%253A0/converse',
    );
  });
});
