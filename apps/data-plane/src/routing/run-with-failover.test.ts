import { GatewayError, InvalidRequestError, UpstreamError } from '@switchyard/errors';
import { failoverSchema, type Failover } from '@switchyard/policy';
import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter } from '../health/concurrency-limiter.js';
import { HealthRegistry } from '../health/health-registry.js';
import type { CompiledDeployment } from '../snapshot/compiled-snapshot.js';
import { KeyRotation } from './key-rotation.js';
import { AllAttemptsFailedError, runWithFailover, type AttemptInput } from './run-with-failover.js';

function deployment(
  id: string,
  contextWindow = 128_000,
  maxConcurrency?: number,
): CompiledDeployment {
  return {
    id,
    name: id,
    provider: 'openai',
    region: undefined,
    tenantId: null,
    weight: 1,
    maxConcurrency,
    model: {
      id: `m-${id}`,
      canonicalId: `m-${id}`,
      providerModelId: `m-${id}`,
      contextWindow,
      capabilities: [],
      prices: [],
      providerType: 'openai',
    },
    account: { id: `a-${id}` },
    keys: [{ id: `k-${id}`, secret: 's', weight: 1 }],
  } as unknown as CompiledDeployment;
}

const upstream = (code: string, status: number, retryAfterMs?: number) =>
  new UpstreamError(code, { code, status, fault: 'provider', retryable: true, retryAfterMs });

function harness(failoverOverrides: Partial<Failover> = {}) {
  let clock = 1_000_000;
  const slept: number[] = [];
  const options = {
    failover: failoverSchema.parse({ backoffMs: 100, maxBackoffMs: 1_000, ...failoverOverrides }),
    signal: new AbortController().signal,
    now: () => clock,
    sleep: async (ms: number) => {
      slept.push(ms);
      clock += ms;
    },
    keyRotation: new KeyRotation(),
    random: () => 0.5,
  };
  return { options, slept, advance: (ms: number) => (clock += ms) };
}

/** An attempt function failing with the given errors in order, then answering `ok`. */
function scripted(errors: (GatewayError | undefined)[]) {
  const calls: string[] = [];
  const attempt = async ({ candidate }: AttemptInput) => {
    calls.push(candidate.id);
    const error = errors.shift();
    if (error) throw error;
    return 'ok';
  };
  return { calls, attempt };
}

describe('runWithFailover', () => {
  it('retries the same target with jittered backoff, honouring a longer retry-after, then succeeds', async () => {
    const { options, slept } = harness();
    const { calls, attempt } = scripted([upstream('upstream_rate_limited', 429, 700)]);
    const outcome = await runWithFailover([deployment('a')], options, attempt);
    expect(outcome.result).toBe('ok');
    expect(calls).toEqual(['a', 'a']);
    expect(slept).toEqual([700]);
    expect(outcome.attempts.map((entry) => entry.code)).toEqual(['upstream_rate_limited', null]);
  });

  it('uses exponential backoff with jitter when there is no retry-after', async () => {
    const { options, slept } = harness({ retriesPerTarget: 2 });
    const { attempt } = scripted([
      upstream('upstream_server_error', 502),
      upstream('upstream_server_error', 502),
    ]);
    await runWithFailover([deployment('a')], options, attempt);
    expect(slept).toEqual([50, 100]);
  });

  it('moves to the next target after the retries per target, for each retryable class', async () => {
    for (const error of [
      upstream('upstream_connect_error', 502),
      upstream('upstream_timeout', 504),
      upstream('upstream_timeout', 408),
      upstream('upstream_rate_limited', 429),
      upstream('upstream_server_error', 500),
    ]) {
      const { options } = harness({ retriesPerTarget: 0 });
      const { calls, attempt } = scripted([error]);
      const outcome = await runWithFailover([deployment('a'), deployment('b')], options, attempt);
      expect(calls).toEqual(['a', 'b']);
      expect(outcome.candidate.id).toBe('b');
    }
  });

  it('does not fail over on classes left out of retryOn', async () => {
    const { options } = harness({ retryOn: ['connect'] });
    const { calls, attempt } = scripted([upstream('upstream_server_error', 500)]);
    await expect(
      runWithFailover([deployment('a'), deployment('b')], options, attempt),
    ).rejects.toMatchObject({ code: 'upstream_server_error' });
    expect(calls).toEqual(['a']);
  });

  it('stops at maxAttempts and lists every attempt in a 502', async () => {
    const { options } = harness({ maxAttempts: 3, retriesPerTarget: 0 });
    const { calls, attempt } = scripted([
      upstream('upstream_server_error', 500),
      upstream('upstream_server_error', 500),
      upstream('upstream_server_error', 500),
    ]);
    const failure = await runWithFailover(
      [deployment('a'), deployment('b'), deployment('c'), deployment('d')],
      options,
      attempt,
    ).catch((error: unknown) => error);
    expect(calls).toEqual(['a', 'b', 'c']);
    expect(failure).toBeInstanceOf(AllAttemptsFailedError);
    expect(failure).toMatchObject({ status: 502, code: 'all_attempts_failed' });
    expect((failure as AllAttemptsFailedError).attempts.map((entry) => entry.deploymentId)).toEqual(
      ['a', 'b', 'c'],
    );
  });

  it('does not wait for a retry-after that outlasts the deadline: it moves on', async () => {
    const { options, slept } = harness({ deadlineMs: 1_000 });
    const { calls, attempt } = scripted([upstream('upstream_rate_limited', 429, 5_000)]);
    await runWithFailover([deployment('a'), deployment('b')], options, attempt);
    expect(slept).toEqual([]);
    expect(calls).toEqual(['a', 'b']);
  });

  it('rethrows a caller fault at once', async () => {
    const { options } = harness();
    const { calls, attempt } = scripted([new InvalidRequestError('bad')]);
    await expect(
      runWithFailover([deployment('a'), deployment('b')], options, attempt),
    ).rejects.toMatchObject({ code: 'invalid_request' });
    expect(calls).toEqual(['a']);
  });

  it('moves a prompt the provider found too long only to a larger window, else a 400 naming the window', async () => {
    const tooLong = () =>
      new InvalidRequestError('maximum context length', { code: 'context_length_exceeded' });
    const { options } = harness();
    const { calls, attempt } = scripted([tooLong()]);
    const outcome = await runWithFailover(
      [deployment('small', 8_000), deployment('same', 8_000), deployment('big', 200_000)],
      options,
      attempt,
    );
    expect(calls).toEqual(['small', 'big']);
    expect(outcome.candidate.id).toBe('big');

    const strict = scripted([tooLong()]);
    await expect(
      runWithFailover(
        [deployment('small', 8_000), deployment('big', 200_000)],
        { ...options, allowLargerContext: false },
        strict.attempt,
      ),
    ).rejects.toMatchObject({
      status: 400,
      code: 'context_length_exceeded',
      message: expect.stringContaining('context window is 8000 tokens'),
    });

    const none = scripted([tooLong()]);
    await expect(
      runWithFailover([deployment('small', 8_000)], options, none.attempt),
    ).rejects.toMatchObject({ status: 400, code: 'context_length_exceeded' });
  });

  it('skips a deployment whose breaker is open, and records outcomes in its health', async () => {
    const { options } = harness({ retriesPerTarget: 0 });
    const health = new HealthRegistry({
      breaker: {
        consecutiveFailures: 1,
        windowSize: 10,
        minimumRequests: 10,
        failureRateThreshold: 1,
        coolDownMs: 60_000,
        probeRequests: 1,
      },
    });
    const first = scripted([upstream('upstream_server_error', 500)]);
    await runWithFailover(
      [deployment('a'), deployment('b')],
      { ...options, health },
      first.attempt,
    );
    const second = scripted([]);
    const outcome = await runWithFailover(
      [deployment('a'), deployment('b')],
      { ...options, health },
      second.attempt,
    );
    expect(second.calls).toEqual(['b']);
    expect(outcome.attempts.map((entry) => `${entry.deploymentId}:${entry.code}`)).toEqual([
      'a:open_breaker',
      'b:null',
    ]);
    expect(health.describe('b', options.now()).samples).toBe(2);
  });

  it('moves on from a busy deployment, and answers 429 deployment_busy when every target is busy', async () => {
    const { options } = harness();
    const concurrency = new ConcurrencyLimiter(0, 0); // no queue: busy at once
    const holder = await concurrency.acquire('a', {
      limit: 1,
      remainingMs: 1_000,
      typicalHoldMs: undefined,
      signal: options.signal,
    });
    const { calls, attempt } = scripted([]);
    const outcome = await runWithFailover(
      [deployment('a', 128_000, 1), deployment('b')],
      { ...options, concurrency },
      attempt,
    );
    expect(calls).toEqual(['b']);
    expect(outcome.attempts[0]).toMatchObject({
      deploymentId: 'a',
      code: 'deployment_busy',
      status: 429,
    });
    await expect(
      runWithFailover([deployment('a', 128_000, 1)], { ...options, concurrency }, attempt),
    ).rejects.toMatchObject({ status: 429, code: 'deployment_busy' });
    holder.release();
  });

  it('keeps the slot for a stream when asked, and frees it otherwise', async () => {
    const { options } = harness();
    const concurrency = new ConcurrencyLimiter();
    const outcome = await runWithFailover(
      [deployment('a', 128_000, 2)],
      { ...options, concurrency, holdPermit: true },
      scripted([]).attempt,
    );
    expect(concurrency.inFlight('a')).toBe(1);
    outcome.permit?.release();
    await runWithFailover(
      [deployment('a', 128_000, 2)],
      { ...options, concurrency },
      scripted([upstream('upstream_server_error', 500)]).attempt,
    );
    expect(concurrency.inFlight('a')).toBe(0);
  });
});
