import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import type { SnapshotBudget } from '@switchyard/policy';
import {
  SnapshotBuilder,
  createTestKeyRing,
  startMockProvider,
  type MockProvider,
} from '@switchyard/testkit';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';
import { startGatewayProcess } from '../support/start-gateway-process.js';

// The mock bills 10 input + 50 output tokens; at $1/$2 per million that is 110,000 nano-USD.
const actualCost = 10n * 1000n + 50n * 2000n;
const scenario = {
  kind: 'text' as const,
  text: 'ok',
  usage: { inputTokens: 10, outputTokens: 50 },
};

function budget(overrides: Partial<SnapshotBudget> & { id: string }): SnapshotBudget {
  return {
    name: overrides.id,
    scopeType: 'TENANT',
    period: 'DAILY',
    limitNanoUsd: '1000000',
    action: 'BLOCK',
    alertThresholds: [50, 80, 100],
    ...overrides,
  };
}

describe('budgets and rate limits in the data plane', () => {
  let mock: MockProvider;
  let gateway: TestGateway;
  const keys: Record<string, string> = {};
  let masterKeys = '';
  let snapshotJson = '';
  const redis = new Redis(inject('TEST_REDIS_URL'));

  beforeAll(async () => {
    mock = await startMockProvider({ scenario });
    const { ring, text } = createTestKeyRing();
    masterKeys = text;
    const builder = new SnapshotBuilder(ring);
    const account = builder.providerAccount({
      providerType: 'openai',
      baseUrl: `${mock.url}/v1`,
      keys: ['sk'],
    });
    const model = builder.model({ canonicalId: 'gpt-test', providerType: 'openai' });
    const cheap = builder.model({
      canonicalId: 'gpt-cheap',
      providerType: 'openai',
      prices: [
        { effectiveFrom: '2020-01-01T00:00:00.000Z', input: 100_000_000, output: 200_000_000 },
      ],
    });
    builder.deployment(model, account);
    builder.deployment(cheap, account);

    const rated = builder.tenant({
      id: 'rated',
      rateLimits: [{ id: 'rpm', requestsPerMinute: 2 }],
    });
    keys.rated = builder.apiKey(rated).key;
    const tokenRated = builder.tenant({
      id: 'token-rated',
      rateLimits: [{ id: 'tpm', tokensPerMinute: 400 }],
    });
    keys.tokenRated = builder.apiKey(tokenRated).key;
    // worst case of one request (~14 prompt tokens, max_tokens 100) ≈ 214,000 nano-USD.
    const blocked = builder.tenant({
      id: 'blocked',
      budgets: [budget({ id: 'daily-cap', limitNanoUsd: '500000' })],
    });
    keys.blocked = builder.apiKey(blocked).key;
    const downgraded = builder.tenant({
      id: 'downgraded',
      budgets: [
        budget({
          id: 'soft-cap',
          limitNanoUsd: '400000',
          action: 'DOWNGRADE',
          downgradeModelId: cheap.id,
        }),
      ],
    });
    keys.downgraded = builder.apiKey(downgraded).key;
    const shared = builder.tenant({
      id: 'shared',
      budgets: [budget({ id: 'shared-cap', limitNanoUsd: '2000000' })],
    });
    keys.shared = builder.apiKey(shared).key;
    const snapshot = builder.build();
    snapshotJson = JSON.stringify(snapshot);
    gateway = await startTestGateway(snapshot, text);
  });

  afterAll(async () => {
    await gateway?.close();
    await mock?.close();
    redis.disconnect();
  });

  const client = (key: string, url = gateway.baseUrl) =>
    new OpenAI({ baseURL: url, apiKey: key, maxRetries: 0 });
  const ask = (key: string, url?: string) =>
    client(key, url)
      .chat.completions.create({
        model: 'gpt-test',
        max_tokens: 100,
        messages: [{ role: 'user', content: 'hi' }],
      })
      .withResponse();

  it('limits requests per minute with OpenAI-style headers and a 429 + retry-after', async () => {
    const first = await ask(keys.rated!);
    expect(first.response.headers.get('x-ratelimit-limit-requests')).toBe('2');
    expect(first.response.headers.get('x-ratelimit-remaining-requests')).toBe('1');
    expect(first.response.headers.get('x-ratelimit-reset-requests')).toMatch(/^\d+s$/);
    const second = await ask(keys.rated!);
    expect(second.response.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    const refused = await ask(keys.rated!).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    const rateError = refused as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rateError.code).toBe('rate_limit_exceeded');
    expect(Number(rateError.headers?.get('retry-after'))).toBeGreaterThan(0);
    expect(rateError.headers?.get('x-ratelimit-remaining-requests')).toBe('0');
  });

  it('limits tokens per minute using the estimate, corrected by the provider count', async () => {
    // Each request reserves its prompt estimate + 100 output tokens, then settles to 60.
    const outcomes: number[] = [];
    for (let i = 0; i < 6; i++) {
      outcomes.push(
        await ask(keys.tokenRated!).then(
          () => 200,
          (error: { status: number }) => error.status,
        ),
      );
    }
    expect(outcomes.slice(0, 3)).toEqual([200, 200, 200]);
    expect(outcomes).toContain(429);
  });

  it('blocks a tenant at its budget with 429 budget_exceeded naming the budget, spending no more than the limit', async () => {
    const statuses: number[] = [];
    let refusal: InstanceType<typeof OpenAI.APIError> | undefined;
    for (let i = 0; i < 5; i++) {
      const result = await ask(keys.blocked!).then(
        () => 200,
        (error: InstanceType<typeof OpenAI.APIError>) => {
          refusal = error;
          return error.status ?? 0;
        },
      );
      statuses.push(result);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(refusal?.code).toBe('budget_exceeded');
    expect(refusal?.message).toContain("Budget 'daily-cap'");
    const spent = await spentOf('blocked', 'daily-cap');
    expect(spent).toBe(3n * actualCost);
    expect(spent).toBeLessThanOrEqual(500_000n);
  });

  it('warns past a threshold, then downgrades to the named cheaper model instead of blocking', async () => {
    // 110,000 of 400,000 spent after each full-price request: 27 %, then 55 %.
    const first = await ask(keys.downgraded!);
    expect(first.response.headers.get('x-switchyard-budget-warning')).toBeNull();
    const second = await ask(keys.downgraded!);
    expect(second.response.headers.get('x-switchyard-budget-warning')).toBeNull();
    expect(second.response.headers.get('x-switchyard-budget-downgrade')).toBeNull();
    const third = await ask(keys.downgraded!);
    expect(third.response.headers.get('x-switchyard-budget-warning')).toBe(
      'soft-cap at 55% of its daily limit',
    );
    expect(third.response.headers.get('x-switchyard-budget-downgrade')).toBe(
      'soft-cap: gpt-test -> gpt-cheap',
    );
    expect(third.response.headers.get('x-switchyard-model-id')).toBe('gpt-cheap');
    expect(mock.requests.at(-1)?.body).toMatchObject({ model: 'gpt-cheap' });
  });

  it('keeps concurrent spending across two data-plane processes within the budget', async () => {
    const second = await startGatewayProcess(snapshotJson, masterKeys);
    try {
      const urls = [gateway.baseUrl, second.baseUrl];
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, index) =>
          ask(keys.shared!, urls[index % 2]).then(
            () => 200,
            (error: { status: number }) => error.status,
          ),
        ),
      );
      const served = results.filter((status) => status === 200).length;
      expect(results.filter((status) => status !== 200 && status !== 429)).toEqual([]);
      expect(results).toContain(429);
      // Settlement is asynchronous: wait until every reservation has been released.
      let reserved = -1n;
      for (let attempt = 0; attempt < 50 && reserved !== 0n; attempt++) {
        reserved = await reservedOf('shared', 'shared-cap');
        if (reserved !== 0n) await new Promise((resolveWait) => setTimeout(resolveWait, 100));
      }
      expect(reserved).toBe(0n);
      const spent = await spentOf('shared', 'shared-cap');
      expect(spent).toBe(BigInt(served) * actualCost);
      expect(spent).toBeLessThanOrEqual(2_000_000n);
    } finally {
      await second.close();
    }
  });

  async function budgetKey(tenant: string, budgetId: string): Promise<string> {
    const pattern = `${inject('TEST_REDIS_PREFIX')}budget:{${tenant}}:${budgetId}:*`;
    const found = await redis.keys(pattern);
    expect(found).toHaveLength(1);
    return found[0]!;
  }
  async function spentOf(tenant: string, budgetId: string): Promise<bigint> {
    return BigInt((await redis.hget(await budgetKey(tenant, budgetId), 'spent')) ?? '0');
  }
  async function reservedOf(tenant: string, budgetId: string): Promise<bigint> {
    return BigInt((await redis.hget(await budgetKey(tenant, budgetId), 'reserved')) ?? '0');
  }
});
