import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestControlPlane,
  type TestControlPlane,
} from './support/start-test-control-plane.js';

/** Deterministic PRNG (mulberry32): a failing case can be reproduced from the seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const callerCodes = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
]);

interface FuzzRequest {
  headers: Record<string, string>;
  body: string | Buffer;
}

/** One hostile GraphQL request: broken JSON or documents, wrong variables, abuse. */
function makeRequest(next: () => number, token: string): FuzzRequest {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const auth = pick([`Bearer ${token}`, 'Bearer nope', '', `Bearer ${token}x`, 'Basic eDp5']);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(auth ? { authorization: auth } : {}),
  };
  switch (Math.floor(next() * 8)) {
    case 0:
      return {
        headers,
        body: '{"query": "{ tenants { nodes { id } } '.slice(0, Math.floor(next() * 30)),
      };
    case 1:
      return {
        headers,
        body: Buffer.from(
          Array.from({ length: 1 + Math.floor(next() * 200) }, () => Math.floor(next() * 256)),
        ),
      };
    case 2:
      return {
        headers,
        body: JSON.stringify({
          query: pick([
            '{ tenants { nodes { nope } } }',
            'query { __typename',
            'mutation { deleteEverything }',
            '{ tenant(id: 5) { id } }',
            '}{',
          ]),
        }),
      };
    case 3: {
      const value = pick([null, 12, true, 'x'.repeat(20_000), { $gt: '' }, [], -1e308]);
      return {
        headers,
        body: JSON.stringify({
          query: 'mutation($input: CreateTenantInput!) { createTenant(input: $input) { id } }',
          variables: { input: { name: value, slug: value } },
        }),
      };
    }
    case 4: {
      const depth = 20 + Math.floor(next() * 200);
      return {
        headers,
        body: JSON.stringify({
          query: `{ ${'tenants { nodes { '.repeat(depth)} id ${'} } '.repeat(depth)} }`,
        }),
      };
    }
    case 5:
      return {
        headers,
        body: JSON.stringify(
          pick([[], 'text', 7, null, { query: 42 }, { query: '{ me { id } }', variables: 'nope' }]),
        ),
      };
    case 6:
      return {
        headers: {
          ...headers,
          'content-type': pick(['text/plain', 'application/xml', 'multipart/form-data']),
        },
        body: 'query=1',
      };
    default:
      return {
        headers,
        body: JSON.stringify({
          query: `{ ${Array.from({ length: 300 }, (_, index) => `a${index}: me { id }`).join(' ')} }`,
        }),
      };
  }
}

describe('fuzzing the GraphQL admin API', () => {
  let controlPlane: TestControlPlane;

  beforeAll(async () => {
    controlPlane = await startTestControlPlane();
  });

  afterAll(async () => {
    await controlPlane?.close();
  });

  it('answers thousands of hostile requests with client errors only, and keeps serving valid ones', async () => {
    const next = random(20261125);
    const requests = Array.from({ length: 2000 }, () => makeRequest(next, controlPlane.adminToken));
    const problems: string[] = [];
    let index = 0;
    const worker = async () => {
      while (index < requests.length) {
        const request = requests[index++]!;
        const response = await fetch(`${controlPlane.url}/graphql`, {
          method: 'POST',
          headers: request.headers,
          body: request.body,
        });
        const text = await response.text();
        if (response.status >= 500) {
          problems.push(`${response.status}: ${text.slice(0, 120)}`);
          continue;
        }
        let parsed: { errors?: { extensions?: { code?: string } }[] };
        try {
          parsed = JSON.parse(text) as typeof parsed;
        } catch {
          problems.push(`${response.status} with a non-JSON body: ${text.slice(0, 80)}`);
          continue;
        }
        if (response.status >= 400) {
          if (
            !parsed.errors &&
            !(parsed as { error?: unknown }).error &&
            !(parsed as { message?: unknown }).message
          )
            problems.push(`${response.status} without an error body`);
          continue;
        }
        // GraphQL reports request errors in the body: every one must carry a caller-side code.
        const codes = (parsed.errors ?? []).map((error) => error.extensions?.code ?? 'none');
        for (const code of codes)
          if (!callerCodes.has(code))
            problems.push(`200 with error code ${code} for ${String(request.body).slice(0, 120)}`);
      }
    };
    const valid = async () => {
      const response = await fetch(`${controlPlane.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${controlPlane.adminToken}`,
        },
        body: JSON.stringify({ query: '{ me { role } }' }),
      });
      return response.status;
    };
    const fuzzing = Promise.all(Array.from({ length: 16 }, worker));
    const validStatuses: number[] = [];
    while (index < requests.length) validStatuses.push(await valid());
    await fuzzing;
    expect(problems.slice(0, 10)).toEqual([]);
    expect(validStatuses.every((status) => status === 200)).toBe(true);
    expect(await valid()).toBe(200);
  });
});
