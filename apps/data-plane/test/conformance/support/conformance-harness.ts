import OpenAI from 'openai';
import { afterAll, beforeAll } from 'vitest';
import {
  SnapshotBuilder,
  createTestKeyRing,
  startMockProvider,
  type MockProvider,
  type RecordedRequest,
} from '@switchyard/testkit';
import { startTestGateway, type TestGateway } from '../../support/start-test-gateway.js';
import {
  adapterDescriptors,
  bedrockAccessKeyId,
  type AdapterDescriptor,
} from './adapter-descriptors.js';

/** The upstream secret the mock accepts for every dialect (Bedrock: any secret, checked by key id). */
const upstreamKey = 'sk-upstream-conformance';
const revokedUpstreamKey = 'sk-upstream-revoked';

/**
 * Tests that inject upstream failures each get their own deployment of the adapter's model, so
 * the failures they cause (which the gateway's circuit breaker rightly counts) never open the
 * breaker of another test's deployment.
 */
export const faultLanes = [
  'upstream-400',
  'rate-limit',
  'rate-limit-stream',
  'server-error',
  'connection-reset',
  'error-headers',
  'anthropic-errors',
  'embeddings-errors',
  'completions-errors',
] as const;
export type FaultLane = (typeof faultLanes)[number];

/** One mock provider and one gateway, shared by the whole suite. */
export interface ConformanceHarness {
  mock: MockProvider;
  gateway: TestGateway;
  /** Key of the tenant whose policy rejects unsupported parameters (the default). */
  key: string;
  /** Key of the tenant whose policy drops unsupported parameters and says so in a header. */
  dropKey: string;
  /** Key allowed to use one model only, none of the adapters' models. */
  restrictedKey: string;
  /** An OpenAI client for the given gateway key (default: the reject tenant's). */
  openai(key?: string): OpenAI;
  /** Chat requests the mock received for this adapter since the last `mock.reset()`. */
  chatRequests(adapter: AdapterDescriptor): RecordedRequest[];
  /** The model name that routes to this adapter's account with a revoked upstream credential. */
  revokedModel(adapter: AdapterDescriptor): string;
  /** The model name of this adapter's deployment reserved for one fault-injecting test. */
  faultModel(adapter: AdapterDescriptor, lane: FaultLane): string;
}

/** Returns the harness of the running suite; throws when called outside a test. */
export type HarnessAccess = () => ConformanceHarness;

/**
 * Registers beforeAll/afterAll hooks that start the mock and the gateway, and returns an accessor
 * for tests. Every adapter gets an account, a model `conformance-<id>` and a deployment
 * `<id>-primary`, plus a second account whose upstream key the mock refuses.
 */
export function useConformanceHarness(): HarnessAccess {
  let harness: ConformanceHarness | undefined;

  beforeAll(async () => {
    const mock = await startMockProvider({
      credentials: { keys: [upstreamKey], bedrock: [bedrockAccessKeyId] },
    });
    try {
      const { ring, text } = createTestKeyRing();
      const builder = new SnapshotBuilder(ring);
      const rejecting = builder.tenant({ unsupportedParameters: 'reject' });
      const dropping = builder.tenant({ unsupportedParameters: 'drop' });
      const { key } = builder.apiKey(rejecting);
      const { key: dropKey } = builder.apiKey(dropping);
      const { key: restrictedKey } = builder.apiKey(rejecting, {
        allowedModels: ['conformance-elsewhere'],
      });
      for (const adapter of adapterDescriptors) addAdapter(builder, adapter, mock.url);
      const gateway = await startTestGateway(builder.build(), text);
      harness = createHarness(mock, gateway, { key, dropKey, restrictedKey });
    } catch (error) {
      await mock.close();
      throw error;
    }
  });

  afterAll(async () => {
    await harness?.gateway.close();
    await harness?.mock.close();
  });

  return () => {
    if (harness === undefined) throw new Error('conformance harness not started');
    return harness;
  };
}

function addAdapter(builder: SnapshotBuilder, adapter: AdapterDescriptor, mockUrl: string): void {
  const account = builder.providerAccount({
    providerType: adapter.id,
    name: `${adapter.id}-account`,
    baseUrl: adapter.baseUrl(mockUrl),
    keys: [upstreamKey],
    region: adapter.region,
    options: adapter.options,
  });
  const model = builder.model({
    canonicalId: adapter.model,
    providerType: adapter.id,
    providerModelId: adapter.providerModelId,
  });
  builder.deployment(model, account, { name: `${adapter.id}-primary` });
  for (const lane of faultLanes) {
    const laneModel = builder.model({
      canonicalId: `${adapter.model}-${lane}`,
      providerType: adapter.id,
      providerModelId: adapter.providerModelId,
    });
    builder.deployment(laneModel, account, { name: `${adapter.id}-${lane}` });
  }

  const revokedAccount = builder.providerAccount({
    providerType: adapter.id,
    name: `${adapter.id}-revoked-account`,
    baseUrl: adapter.baseUrl(mockUrl),
    keys: [revokedUpstreamKey],
    region: adapter.region,
    options: { ...adapter.options, ...adapter.revokedOptions },
  });
  const revokedModel = builder.model({
    canonicalId: `${adapter.model}-revoked`,
    providerType: adapter.id,
    providerModelId: adapter.providerModelId,
  });
  builder.deployment(revokedModel, revokedAccount, { name: `${adapter.id}-revoked` });
}

function createHarness(
  mock: MockProvider,
  gateway: TestGateway,
  keys: Pick<ConformanceHarness, 'key' | 'dropKey' | 'restrictedKey'>,
): ConformanceHarness {
  const clients = new Map<string, OpenAI>();
  return {
    mock,
    gateway,
    ...keys,
    openai(key = keys.key) {
      let client = clients.get(key);
      if (client === undefined) {
        client = new OpenAI({ baseURL: gateway.baseUrl, apiKey: key, maxRetries: 0 });
        clients.set(key, client);
      }
      return client;
    },
    chatRequests(adapter) {
      const paths = new Set([
        adapter.family.chatPath(adapter.providerModelId, false),
        adapter.family.chatPath(adapter.providerModelId, true),
      ]);
      return mock.requests.filter((request) => paths.has(decodeURIComponent(request.path)));
    },
    revokedModel: (adapter) => `${adapter.model}-revoked`,
    faultModel: (adapter, lane) => `${adapter.model}-${lane}`,
  };
}
