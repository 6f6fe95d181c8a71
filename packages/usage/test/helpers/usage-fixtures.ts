import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { UsageBatch, UsageEventInput } from '../../src/index.js';
import { usageQueueName } from '../../src/index.js';

/** A valid usage event; `index` makes the request id and cost distinct. */
export function usageEvent(index: number, runId: string): UsageEventInput {
  return {
    schemaVersion: 1,
    requestId: `req-${runId}-${index}`,
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, index % 60)).toISOString(),
    tenantId: 'tenant-a',
    apiKeyId: 'key-1',
    tags: [],
    endpoint: 'chat',
    requestedModel: 'demo-model',
    status: 200,
    stream: false,
    latencyMs: 12,
    inputTokens: 10,
    outputTokens: 5,
    costNanoUsd: String(1_000 + index),
  };
}

export function uniqueRunId(): string {
  return randomUUID().slice(0, 8);
}

/** Every batch waiting in the usage queue under `prefix`. */
export async function queuedBatches(
  connection: { host: string; port: number },
  prefix: string,
): Promise<UsageBatch[]> {
  const queue = new Queue(usageQueueName, { connection, prefix });
  try {
    const jobs = await queue.getJobs(['waiting', 'paused', 'delayed', 'prioritized'], 0, -1);
    return jobs.map((job) => job.data as UsageBatch);
  } finally {
    await queue.close();
  }
}

export function redisEndpoint(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || 6379) };
}
