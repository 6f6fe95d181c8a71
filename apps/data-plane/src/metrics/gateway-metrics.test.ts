import type { UsageEventInput } from '@switchyard/usage';
import { describe, expect, it } from 'vitest';
import { GatewayMetrics } from './gateway-metrics.js';

function event(overrides: Partial<UsageEventInput> = {}): UsageEventInput {
  return {
    schemaVersion: 1,
    requestId: 'req-1',
    occurredAt: '2026-01-01T00:00:00.000Z',
    tenantId: 'tenant-a',
    apiKeyId: 'key-1',
    tags: [],
    endpoint: 'chat',
    requestedModel: 'alias',
    servedModel: 'gpt-4.1-nano-2025-04-14',
    provider: 'openai',
    status: 200,
    stream: false,
    latencyMs: 12,
    inputTokens: 10,
    outputTokens: 5,
    reasoningTokens: 2,
    costNanoUsd: '1000',
    ...overrides,
  };
}

function metrics(): GatewayMetrics {
  return new GatewayMetrics({
    snapshot: () => undefined,
    upstreamPools: () => [],
    usageBuffer: () => ({}),
    now: () => 0,
  });
}

async function sample(target: GatewayMetrics, name: string, labels: string): Promise<number> {
  const text = await target.registry.metrics();
  const line = text.split('\n').find((row) => row.startsWith(`${name}{${labels}}`));
  return line === undefined ? NaN : Number(line.split(' ').at(-1));
}

describe('GatewayMetrics', () => {
  it('counts every request exactly once across scrapes', async () => {
    const target = metrics();
    target.observeRequest(event());
    target.observeRequest(event({ inputTokens: 7, costNanoUsd: '500' }));
    const series = 'route="chat",provider="openai",model="gpt-4.1-nano-2025-04-14",status="200"';
    const byModel = 'provider="openai",model="gpt-4.1-nano-2025-04-14"';
    expect(await sample(target, 'switchyard_gateway_requests_total', series)).toBe(2);
    expect(await sample(target, 'switchyard_gateway_requests_total', series)).toBe(2);

    target.observeRequest(event({ status: 502, inputTokens: 0, outputTokens: 0 }));
    target.observeRequest(event());
    expect(await sample(target, 'switchyard_gateway_requests_total', series)).toBe(3);
    expect(
      await sample(
        target,
        'switchyard_gateway_requests_total',
        series.replace('status="200"', 'status="502"'),
      ),
    ).toBe(1);
    expect(await sample(target, 'switchyard_gateway_tokens_total', `${byModel},kind="input"`)).toBe(
      27,
    );
    expect(
      await sample(target, 'switchyard_gateway_tokens_total', `${byModel},kind="output"`),
    ).toBe(15);
    expect(
      await sample(target, 'switchyard_gateway_tokens_total', `${byModel},kind="reasoning"`),
    ).toBe(8);
    expect(await sample(target, 'switchyard_gateway_cost_nano_usd_total', byModel)).toBe(3500);
    expect(await sample(target, 'switchyard_gateway_request_duration_seconds_count', series)).toBe(
      3,
    );
  });
});
