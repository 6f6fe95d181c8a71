import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pino } from 'pino';
import {
  dataPlaneHealthReportSchema,
  healthRedisKeys,
  type DataPlaneHealthReport,
  type PolicySnapshot,
} from '@switchyard/policy';
import {
  SnapshotBuilder,
  createTestKeyRing,
  startMockProvider,
  type MockProvider,
} from '@switchyard/testkit';
import { ConcurrencyLimiter } from '../../src/health/concurrency-limiter.js';
import { HealthPublisher, type HealthRedis } from '../../src/health/health-publisher.js';
import { HealthRegistry } from '../../src/health/health-registry.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';

/**
 * The data plane publishes its deployment health to Redis for the control plane — one JSON
 * report per replica under a TTL — and keeps serving when Redis is down.
 */
describe('health publication to Redis', () => {
  let mock: MockProvider;
  let snapshot: PolicySnapshot;
  let masterKeys: string;
  let key: string;
  let deploymentId: string;
  let redis: Redis;
  const prefix = inject('TEST_REDIS_PREFIX');

  beforeAll(async () => {
    mock = await startMockProvider();
    const { ring, text } = createTestKeyRing();
    masterKeys = text;
    const builder = new SnapshotBuilder(ring);
    const tenant = builder.tenant();
    key = builder.apiKey(tenant).key;
    const model = builder.model({ canonicalId: 'published-model-2025', providerType: 'openai' });
    const account = builder.providerAccount({
      providerType: 'openai',
      baseUrl: `${mock.url}/v1`,
      keys: ['sk'],
      region: 'eu-west',
    });
    deploymentId = builder.deployment(model, account, {
      // Unique across test files: other gateways publish under the same prefix.
      id: `published-${randomUUID()}`,
      name: 'published',
      maxConcurrency: 4,
    }).id;
    snapshot = builder.build();
    redis = new Redis(inject('TEST_REDIS_URL'));
  });

  afterAll(async () => {
    redis?.disconnect();
    await mock?.close();
  });

  /** Finds this run's report among the replicas' keys (other test files may publish too). */
  async function findReport(): Promise<{ key: string; report: DataPlaneHealthReport } | undefined> {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(
        cursor,
        'MATCH',
        healthRedisKeys(prefix).dataPlanePattern,
        'COUNT',
        100,
      );
      cursor = next;
      keys.push(...found);
    } while (cursor !== '0');
    for (const name of keys) {
      const text = await redis.get(name);
      if (!text) continue;
      const report = dataPlaneHealthReportSchema.parse(JSON.parse(text));
      if (report.deployments.some((entry) => entry.deploymentId === deploymentId))
        return { key: name, report };
    }
    return undefined;
  }

  it('writes a report with a TTL under health:data-plane:<instanceId> when the data plane starts', async () => {
    const gateway: TestGateway = await startTestGateway(snapshot, masterKeys);
    try {
      let found = await findReport();
      for (let tries = 0; !found && tries < 50; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        found = await findReport();
      }
      expect(found?.report.instanceId).toMatch(/\S/);
      expect(found!.key).toBe(healthRedisKeys(prefix).dataPlane(found!.report.instanceId));
      expect(
        found!.report.deployments.find((entry) => entry.deploymentId === deploymentId),
      ).toMatchObject({
        name: 'published',
        region: 'eu-west',
        maxConcurrency: 4,
        breaker: { state: 'closed' },
      });
      const ttl = await redis.pttl(found!.key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(15_000);
    } finally {
      await gateway.close();
    }
  });

  it('keeps serving requests and its health endpoint while Redis is unreachable', async () => {
    const gateway = await startTestGateway(snapshot, masterKeys, {
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    try {
      const client = new OpenAI({ baseURL: gateway.baseUrl, apiKey: key, maxRetries: 0 });
      const completion = await client.chat.completions.create({
        model: 'published-model-2025',
        messages: [{ role: 'user', content: 'Hi' }],
      });
      expect(completion.choices[0]?.message.content).toMatch(/\S/);
      const health = await fetch(`${gateway.url}/v1/switchyard/health`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(health.status).toBe(200);
    } finally {
      await gateway.close();
    }
  });

  it('never throws or overlaps writes when Redis fails', async () => {
    let calls = 0;
    const failingRedis: HealthRedis = {
      status: 'ready',
      set: () => {
        calls += 1;
        return Promise.reject(new Error('connection refused'));
      },
      connect: () => Promise.resolve(),
    };
    const publisher = new HealthPublisher({
      redis: failingRedis,
      prefix,
      instanceId: 'unit',
      snapshot: () => undefined,
      health: new HealthRegistry(),
      concurrency: new ConcurrencyLimiter(),
      logger: pino({ level: 'silent' }),
      now: Date.now,
    });
    const [first, overlapping] = await Promise.all([publisher.publish(), publisher.publish()]);
    expect(first).toBe(false);
    expect(overlapping).toBe(false);
    expect(calls).toBe(1);
  });
});
