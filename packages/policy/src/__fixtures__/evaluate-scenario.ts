import { compileRoutingPolicy } from '../compile-routing-policy.js';
import {
  evaluateRoutingPolicy,
  type EvaluateRoutingInput,
  type RoutingChecks,
} from '../evaluate-routing-policy.js';
import type { RoutableDeployment } from '../routing-catalog.js';
import { routingPolicyDocumentSchema } from '../routing-policy-schema.js';
import type { RequestFeatures } from '../request-features.js';
import type { SnapshotModel } from '../snapshot-schema.js';
import { CatalogFixture, featuresOf, seededRandom } from './routing-fixtures.js';

/** Shared scenario of the evaluator tests: one pinned model on two deployments, a cheap model, a large-context model. */
export const nowMs = Date.parse('2025-06-01T00:00:00Z');
export const openChecks: RoutingChecks<RoutableDeployment> = { governance: () => undefined };

export function setup() {
  const catalog = new CatalogFixture();
  const pinned = catalog.addModel('pinned', {
    price: { input: 3_000, output: 15_000 },
    qualityScore: 90,
  });
  const other = catalog.addModel('other', { price: { input: 100, output: 400 }, qualityScore: 60 });
  const big = catalog.addModel('big', {
    contextWindow: 1_000_000,
    price: { input: 1_000, output: 2_000 },
    qualityScore: 85,
  });
  const primary = catalog.addDeployment('pinned-a', pinned, { weight: 5, region: 'eu-west' });
  const secondary = catalog.addDeployment('pinned-b', pinned, {
    weight: 1,
    provider: 'azure-openai',
    region: 'us-east',
  });
  const cheap = catalog.addDeployment('other-a', other, { provider: 'groq', region: 'us-east' });
  const large = catalog.addDeployment('big-a', big, { provider: 'gemini', region: 'eu-west' });
  return { catalog, pinned, other, big, primary, secondary, cheap, large };
}

export function policyOf(catalog: CatalogFixture, rules: unknown[]) {
  const document = routingPolicyDocumentSchema.parse({ rules });
  return compileRoutingPolicy(document, catalog, {
    tenantId: 'tenant_1',
    aliases: new Map([['fast', { modelId: 'pinned' }]]),
  });
}

export function evaluate(
  catalog: CatalogFixture,
  overrides: Partial<EvaluateRoutingInput<RoutableDeployment>> & {
    features?: RequestFeatures;
    defaultModels?: SnapshotModel[];
  },
) {
  return evaluateRoutingPolicy<RoutableDeployment>({
    features: featuresOf(),
    policy: undefined,
    defaultModels: [catalog.models.get('pinned')!],
    catalog,
    checks: openChecks,
    nowMs,
    random: seededRandom(1),
    ...overrides,
  });
}

export const ids = (list: readonly RoutableDeployment[]) => list.map((deployment) => deployment.id);
