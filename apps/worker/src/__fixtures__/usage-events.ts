import type { UsageEventInput } from '@switchyard/usage';

/** A valid usage event; override any field. */
export function usageEvent(
  overrides: Partial<UsageEventInput> & { requestId: string },
): UsageEventInput {
  return {
    schemaVersion: 1,
    occurredAt: '2026-03-17T10:15:00.000Z',
    tenantId: 'tenant-a',
    apiKeyId: 'key-1',
    tags: [],
    endpoint: 'chat',
    requestedModel: 'gpt-4o',
    servedModel: 'gpt-4o-2024-08-06',
    provider: 'openai',
    status: 200,
    stream: false,
    latencyMs: 120,
    inputTokens: 1_000,
    outputTokens: 200,
    cacheReadTokens: 100,
    reasoningTokens: 0,
    costNanoUsd: '4375000',
    ...overrides,
  };
}
