import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SnapshotBuilder,
  createTestKeyRing,
  startMockProvider,
  type MockProvider,
} from '@switchyard/testkit';
import { startGatewayProcess, type GatewayProcess } from '../support/start-gateway-process.js';

/** Small deterministic PRNG (mulberry32) so a failing case can be reproduced from its seed. */
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

interface FuzzCase {
  path: string;
  headers: Record<string, string>;
  body: Buffer | string | undefined;
  method: string;
}

/** Builds one malformed or hostile request; never a valid one. */
function makeCase(next: () => number, key: string): FuzzCase {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const path = pick(['/v1/chat/completions', '/v1/messages', '/v1/embeddings', '/v1/completions']);
  const headers: Record<string, string> = {
    authorization: `Bearer ${key}`,
    'content-type': 'application/json',
  };
  const valid = {
    model: 'gpt-fuzz',
    max_tokens: 10,
    messages: [{ role: 'user', content: 'hi' }],
    input: 'hi',
    prompt: 'hi',
  };
  const kind = Math.floor(next() * 9);
  switch (kind) {
    case 0: // truncated JSON
      return {
        path,
        headers,
        method: 'POST',
        body: JSON.stringify(valid).slice(0, Math.floor(next() * 40)),
      };
    case 1: // random bytes, often invalid UTF-8
      return {
        path,
        headers,
        method: 'POST',
        body: Buffer.from(
          Array.from({ length: 1 + Math.floor(next() * 300) }, () => Math.floor(next() * 256)),
        ),
      };
    case 2: {
      // a field this endpoint needs, replaced by a value of a type it can never accept
      const fields: Record<string, string[]> = {
        '/v1/chat/completions': ['model', 'messages'],
        '/v1/messages': ['model', 'messages', 'max_tokens'],
        '/v1/embeddings': ['model', 'input'],
        '/v1/completions': ['model', 'prompt'],
      };
      const field = pick(fields[path]!);
      return {
        path,
        headers,
        method: 'POST',
        body: JSON.stringify({
          ...valid,
          [field]: pick([null, true, {}, [], 12.5, { $ne: 1 }, -1]),
        }),
      };
    }
    case 3: // not an object at the top
      return {
        path,
        headers,
        method: 'POST',
        body: JSON.stringify(pick([[], 'text', 42, null, true])),
      };
    case 4: // wrong or missing content type
      return {
        path,
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': pick([
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
          ]),
        },
        method: 'POST',
        body: 'model=gpt',
      };
    case 5: // header abuse: bad keys, duplicate-looking values, control characters stripped by fetch
      return {
        path,
        headers: {
          ...headers,
          authorization: pick([
            'Bearer',
            'Bearer ' + 'k'.repeat(4000),
            'Basic Zm9vOmJhcg==',
            'bearer    ',
            `Bearer ${key}x`,
          ]),
          'x-switchyard-tags': 't'.repeat(5000),
        },
        method: 'POST',
        body: JSON.stringify(valid),
      };
    case 6: // deep nesting
      return {
        path,
        headers,
        method: 'POST',
        body: '{"model":"gpt-fuzz","messages":' + '['.repeat(5000) + ']'.repeat(5000) + '}',
      };
    case 7: // wrong method or unknown route
      return {
        path: pick([path, '/v1/unknown', '/v1/chat/completions/../../etc/passwd', '/%ff%fe']),
        headers,
        method: pick(['PUT', 'DELETE', 'PATCH', 'GET']),
        body: undefined,
      };
    default: // huge numbers and out-of-range values
      return {
        path,
        headers,
        method: 'POST',
        body: JSON.stringify({
          ...valid,
          max_tokens: pick([0, -10, 1.5, 1e308]),
          temperature: pick([-5, 99]),
        }),
      };
  }
}

describe('fuzzing the data plane', () => {
  let mock: MockProvider;
  let gateway: GatewayProcess;
  let key = '';

  beforeAll(async () => {
    mock = await startMockProvider({ scenario: { kind: 'text', text: 'fine' } });
    const { ring, text } = createTestKeyRing();
    const builder = new SnapshotBuilder(ring);
    const account = builder.providerAccount({
      providerType: 'openai',
      baseUrl: `${mock.url}/v1`,
      keys: ['sk'],
    });
    builder.deployment(builder.model({ canonicalId: 'gpt-fuzz', providerType: 'openai' }), account);
    key = builder.apiKey(builder.tenant()).key;
    gateway = await startGatewayProcess(JSON.stringify(builder.build()), text, {
      SHUTDOWN_GRACE_MS: '2000',
      BODY_LIMIT_BYTES: '262144',
      REQUEST_TIMEOUT_MS: '1500',
      AUTH_FAILURES_PER_MINUTE: '100000',
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await mock?.close();
  });

  it('answers thousands of hostile requests with well-formed 4xx errors while valid traffic keeps flowing', async () => {
    const next = random(20261125);
    const cases = Array.from({ length: 3000 }, () => makeCase(next, key));
    const rssBefore = await gateway.rssMb();
    const problems: string[] = [];
    let validOk = 0;
    let validFailed = 0;
    let stop = false;
    const validTraffic = (async () => {
      while (!stop) {
        const response = await fetch(`${gateway.baseUrl}/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            model: 'gpt-fuzz',
            messages: [{ role: 'user', content: 'valid' }],
          }),
        });
        if (response.status === 200) validOk++;
        else validFailed++;
        await response.arrayBuffer();
      }
    })();
    let index = 0;
    const worker = async () => {
      while (index < cases.length) {
        const fuzz = cases[index++]!;
        try {
          const response = await fetch(`${gateway.url}${fuzz.path}`, {
            method: fuzz.method,
            headers: fuzz.headers,
            body: fuzz.body,
          });
          const text = await response.text();
          if (response.status < 400 || response.status >= 500)
            problems.push(`${fuzz.method} ${fuzz.path} → ${response.status}`);
          else if (!/"(error|type)"/.test(text))
            problems.push(
              `${fuzz.method} ${fuzz.path} → ${response.status} with a body that is not an error: ${text.slice(0, 80)}`,
            );
        } catch (error) {
          problems.push(`${fuzz.method} ${fuzz.path} → ${(error as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));
    stop = true;
    await validTraffic;
    expect(problems.slice(0, 10)).toEqual([]);
    expect(gateway.alive()).toBe(true);
    expect(validFailed).toBe(0);
    expect(validOk).toBeGreaterThan(10);
    expect((await gateway.rssMb()) - rssBefore).toBeLessThan(150);
  });

  it('drops a slowloris client that never finishes its body, and stays responsive', async () => {
    const socket = connect(Number(new URL(gateway.url).port), '127.0.0.1');
    await new Promise((resolveConnect) => socket.once('connect', resolveConnect));
    socket.write(
      `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"model"`,
    );
    const trickle = setInterval(() => socket.write(' '), 200);
    let received = '';
    socket.on('data', (data) => (received += data.toString()));
    const closed = new Promise((resolveClose) => socket.once('close', resolveClose));
    const healthy = await fetch(`${gateway.url}/healthz`);
    expect(healthy.status).toBe(200);
    await closed;
    clearInterval(trickle);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(received).toContain('"code":"request_timeout"');
    expect(gateway.alive()).toBe(true);
  });
});
