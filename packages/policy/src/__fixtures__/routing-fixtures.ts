import { findByName, type RoutableDeployment, type RoutingCatalog } from '../routing-catalog.js';
import { extractRequestFeatures, type RequestFeatures } from '../request-features.js';
import type { Capability } from '../routing-policy-schema.js';
import type { SnapshotModel } from '../snapshot-schema.js';

/** Builds small catalogs for evaluator tests: models, deployments and the lookups over them. */
export class CatalogFixture implements RoutingCatalog<RoutableDeployment> {
  readonly models = new Map<string, SnapshotModel>();
  readonly deployments: RoutableDeployment[] = [];

  model(reference: string): SnapshotModel | undefined {
    return (
      this.models.get(reference) ??
      [...this.models.values()].find((model) => model.canonicalId === reference)
    );
  }

  deploymentsOfModel(modelId: string): readonly RoutableDeployment[] {
    return this.deployments
      .filter((deployment) => deployment.model.id === modelId)
      .sort((a, b) => b.weight - a.weight);
  }

  deployment(reference: string, tenantId: string): RoutableDeployment | undefined {
    return (
      this.deployments.find((deployment) => deployment.id === reference) ??
      findByName(this.deployments, reference, tenantId)
    );
  }

  addModel(
    id: string,
    options: {
      contextWindow?: number;
      maxOutputTokens?: number;
      capabilities?: Capability[];
      qualityScore?: number;
      price?: { input: number; output: number };
    } = {},
  ): SnapshotModel {
    const model: SnapshotModel = {
      id,
      canonicalId: `${id}-2025`,
      providerType: 'openai',
      providerModelId: id,
      contextWindow: options.contextWindow ?? 128_000,
      maxOutputTokens: options.maxOutputTokens ?? null,
      capabilities: options.capabilities ?? ['tools', 'json_schema', 'json_object', 'vision'],
      qualityScore: options.qualityScore ?? null,
      prices: options.price
        ? [{ effectiveFrom: '2020-01-01T00:00:00.000Z', ...options.price }]
        : [],
    };
    this.models.set(id, model);
    return model;
  }

  addDeployment(
    id: string,
    model: SnapshotModel,
    options: { provider?: string; region?: string; weight?: number; tenantId?: string | null } = {},
  ): RoutableDeployment {
    const deployment: RoutableDeployment = {
      id,
      name: `${id}-name`,
      tenantId: options.tenantId ?? null,
      provider: options.provider ?? 'openai',
      region: options.region,
      weight: options.weight ?? 1,
      model,
      maxConcurrency: undefined,
    };
    this.deployments.push(deployment);
    return deployment;
  }
}

/** Features of a plain chat request, with overrides. */
export function featuresOf(overrides: Partial<RequestFeatures> = {}): RequestFeatures {
  const request = { model: 'fast', messages: [{ role: 'user', content: 'Hello there' }] };
  return {
    ...extractRequestFeatures(request, {
      keyId: 'key_1',
      endUser: undefined,
      tags: [],
      headers: {},
    }),
    ...overrides,
  };
}

/** A deterministic uniform source (a small LCG), so weighted splits are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
