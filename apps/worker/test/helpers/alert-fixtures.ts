import { randomUUID } from 'node:crypto';
import type { Database } from '@switchyard/db';
import { sealSecret, type MasterKeyRing } from '@switchyard/policy';
import type { UsageEventInput } from '@switchyard/usage';
import { inject } from 'vitest';
import { loadConfig, type WorkerConfig } from '../../src/config.js';
import './provided-context.js';
import { uniqueTenantId } from './usage-totals.js';

/** A deployment prefix of its own per test, under the run's isolated Redis prefix. */
export function deploymentPrefix(): string {
  return `${inject('TEST_REDIS_PREFIX')}${randomUUID().slice(0, 8)}:`;
}

export function redisConnection(): { host: string; port: number } {
  const url = new URL(inject('TEST_REDIS_URL'));
  return { host: url.hostname, port: Number(url.port || 6379) };
}

/** Worker configuration for tests: a free port, quiet logs, the test database and Redis. */
export function testWorkerConfig(
  prefix: string,
  overrides: Record<string, string> = {},
): WorkerConfig {
  return loadConfig({
    DATABASE_URL: inject('TEST_DATABASE_URL'),
    REDIS_URL: inject('TEST_REDIS_URL'),
    SWITCHYARD_REDIS_PREFIX: prefix,
    WORKER_PORT: '0',
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}

export async function createTenant(db: Database, timezone = 'UTC'): Promise<string> {
  const id = uniqueTenantId();
  await db.tenant.create({ data: { id, name: id, slug: id, timezone } });
  return id;
}

export async function createBudget(
  db: Database,
  tenantId: string,
  options: { limitNanoUsd: bigint; alertThresholds?: number[]; enabled?: boolean },
) {
  return db.budget.create({
    data: {
      tenantId,
      name: `budget-${randomUUID().slice(0, 6)}`,
      scopeType: 'TENANT',
      period: 'DAILY',
      action: 'BLOCK',
      limitNanoUsd: options.limitNanoUsd,
      alertThresholds: options.alertThresholds ?? [50, 80, 100],
      enabled: options.enabled ?? true,
    },
  });
}

/** A webhook channel whose signing secret is sealed the way the control plane stores it. */
export async function createWebhookChannel(
  db: Database,
  ring: MasterKeyRing,
  options: { tenantId: string | null; url: string; secret: string },
) {
  const sealed = sealSecret(options.secret, ring);
  return db.alertChannel.create({
    data: {
      tenantId: options.tenantId,
      name: `hook-${randomUUID().slice(0, 6)}`,
      url: options.url,
      signingSecretCiphertext: JSON.stringify(sealed),
      signingSecretKeyId: sealed.keyId,
    },
  });
}

/** A valid usage event at a given instant; override any field. */
export function usageEventAt(
  tenantId: string,
  occurredAt: Date,
  overrides: Partial<UsageEventInput> = {},
): UsageEventInput {
  return {
    schemaVersion: 1,
    requestId: `${tenantId}-${randomUUID()}`,
    occurredAt: occurredAt.toISOString(),
    tenantId,
    apiKeyId: 'key-1',
    tags: [],
    endpoint: 'chat',
    requestedModel: 'gpt-4o',
    servedModel: 'gpt-4o-2024-08-06',
    provider: 'openai',
    status: 200,
    stream: false,
    latencyMs: 100,
    inputTokens: 10,
    outputTokens: 10,
    costNanoUsd: '1000',
    ...overrides,
  };
}

export async function waitFor(
  description: string,
  condition: () => Promise<boolean> | boolean,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
