import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { parseMasterKeyRing, type PolicySnapshot } from '@switchyard/policy';
import { usageEventSchema, type UsageEventInput } from '@switchyard/usage';
import { buildApp } from '../../../src/build-app.js';
import { abortableSleep, type GatewayDeps } from '../../../src/chat/gateway-deps.js';
import { ConcurrencyLimiter } from '../../../src/health/concurrency-limiter.js';
import { HealthRegistry, type HealthOptions } from '../../../src/health/health-registry.js';
import { KeyRotation } from '../../../src/routing/key-rotation.js';
import { SnapshotHolder } from '../../../src/snapshot/snapshot-holder.js';
import { UpstreamClient } from '../../../src/upstream/upstream-client.js';

export interface RoutingGateway {
  url: string;
  /** `${url}/v1`, what SDK clients take as baseURL. */
  baseUrl: string;
  /** Every usage event the gateway emitted, in order. */
  usageEvents: UsageEventInput[];
  /** Every backoff the gateway asked for (ms), in order. */
  sleeps: number[];
  health: HealthRegistry;
  concurrency: ConcurrencyLimiter;
  /** Moves the gateway's clock (breaker cool-downs, deadlines) without waiting. */
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

export interface RoutingGatewayOptions {
  health?: Partial<HealthOptions>;
  /** Uniform source for weighted routing and jitter; default a constant 0.5. */
  random?: () => number;
}

/**
 * The real data-plane app on an ephemeral port, wired like main.ts but with the pieces routing
 * tests need to observe or control: an injected clock (offset from real time so prices stay in
 * effect), a constant jitter source, recorded backoffs, and usage events kept in memory.
 */
export async function startRoutingGateway(
  snapshot: PolicySnapshot,
  masterKeys: string,
  options: RoutingGatewayOptions = {},
): Promise<RoutingGateway> {
  const logger = pino({ level: 'silent' });
  const snapshots = new SnapshotHolder(parseMasterKeyRing(masterKeys), logger);
  if (!snapshots.install(snapshot)) throw new Error('test snapshot was refused');
  let offsetMs = 0;
  const usageEvents: UsageEventInput[] = [];
  const sleeps: number[] = [];
  const upstream = new UpstreamClient();
  const health = new HealthRegistry(options.health);
  const concurrency = new ConcurrencyLimiter();
  const deps: GatewayDeps = {
    snapshots,
    upstream,
    keyRotation: new KeyRotation(),
    usage: {
      // The production emitter skips schema checks on the hot path; every event these tests
      // make is held to the contract here instead (a throw loses the event and fails the test).
      emit: (event) => {
        usageEventSchema.parse(event);
        usageEvents.push(event);
      },
      close: async () => undefined,
      stats: () => ({}),
    },
    logger,
    now: () => Date.now() + offsetMs,
    sleep: (ms, signal) => {
      sleeps.push(ms);
      return abortableSleep(ms, signal);
    },
    health,
    concurrency,
    random: options.random ?? (() => 0.5),
    instanceId: 'routing-test',
  };
  const app = await buildApp({ deps, bodyLimitBytes: 10 * 1024 * 1024 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    url,
    baseUrl: `${url}/v1`,
    usageEvents,
    sleeps,
    health,
    concurrency,
    advanceClock: (ms) => void (offsetMs += ms),
    async close() {
      await app.close();
      await upstream.close();
    },
  };
}
