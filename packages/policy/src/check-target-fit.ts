import { blendedPriceNanoUsdPerMTok } from './blended-price.js';
import type { RoutableDeployment } from './routing-catalog.js';
import type { ExclusionFinding } from './routing-exclusion.js';
import type { RequestFeatures } from './request-features.js';
import type { Capability, Route } from './routing-policy-schema.js';
import type { SnapshotModel } from './snapshot-schema.js';

/**
 * The route's own constraints (providers, regions, required capabilities, quality floor, price
 * ceiling), checked before any strategy weighs the target. `ruleName` names the setting in the
 * finding so an explanation says which rule excluded what.
 */
export function checkRouteConstraints(
  candidate: RoutableDeployment,
  route: Route,
  ruleName: string,
  nowMs: number,
): ExclusionFinding | undefined {
  const setting = `rule '${ruleName}' route`;
  if (route.providers && !route.providers.includes(candidate.provider)) {
    return {
      reason: 'route_provider',
      setting: `${setting}.providers`,
      detail: `provider ${candidate.provider} is not in [${route.providers.join(', ')}]`,
    };
  }
  if (
    route.regions &&
    (candidate.region === undefined || !route.regions.includes(candidate.region))
  ) {
    return {
      reason: 'route_region',
      setting: `${setting}.regions`,
      detail: `region ${candidate.region ?? '(none)'} is not in [${route.regions.join(', ')}]`,
    };
  }
  const model = candidate.model;
  if (route.requires) {
    for (const capability of route.requires) {
      if (!model.capabilities.includes(capability)) {
        return {
          reason: 'required_capability',
          setting: `${setting}.requires`,
          detail: `${model.canonicalId} lacks ${capability}`,
        };
      }
    }
  }
  if (route.minQuality !== undefined && (model.qualityScore ?? -1) < route.minQuality) {
    return {
      reason: 'quality_floor',
      setting: `${setting}.minQuality`,
      detail: `${model.canonicalId} scores ${model.qualityScore ?? 'unrated'}, floor is ${route.minQuality}`,
    };
  }
  if (route.maxPriceNanoUsdPerMTok !== undefined) {
    const price = blendedPriceNanoUsdPerMTok(model, nowMs);
    if (price === undefined || price > route.maxPriceNanoUsdPerMTok) {
      return {
        reason: 'price_cap',
        setting: `${setting}.maxPriceNanoUsdPerMTok`,
        detail: `${model.canonicalId} costs ${price ?? 'an unknown price'} nano-USD/MTok (input+output), ceiling ${route.maxPriceNanoUsdPerMTok}`,
      };
    }
  }
  return undefined;
}

/**
 * The capability registry: whether the model can do what the request asks (tools, vision,
 * audio, documents, structured output) and produce as many tokens as it asks for. The context
 * window is checked separately (see fitsContextWindow) because policy may move an over-long
 * prompt to a larger window instead of refusing it.
 */
export function checkRequestFit(
  model: SnapshotModel,
  features: RequestFeatures,
): ExclusionFinding | undefined {
  const missing = missingCapability(model.capabilities, features);
  if (missing) {
    return {
      reason: 'capability',
      setting: 'model.capabilities',
      detail: `${model.canonicalId} does not support ${missing}`,
      param: capabilityParameter[missing],
    };
  }
  const maxOutput = model.maxOutputTokens;
  if (
    features.maxOutputTokens !== undefined &&
    maxOutput != null &&
    features.maxOutputTokens > maxOutput
  ) {
    return {
      reason: 'max_output',
      setting: 'model.maxOutputTokens',
      detail: `${model.canonicalId} produces at most ${maxOutput} output tokens, ${features.maxOutputTokens} were requested`,
      param: 'max_tokens',
    };
  }
  return undefined;
}

/** Tokens the request needs from a context window: the estimated prompt plus the requested output. */
export function contextTokensNeeded(features: RequestFeatures): number {
  return features.promptTokens + (features.maxOutputTokens ?? 0);
}

export function fitsContextWindow(model: SnapshotModel, features: RequestFeatures): boolean {
  return contextTokensNeeded(features) <= model.contextWindow;
}

/** The finding for a model whose window is too small. */
export function contextWindowFinding(
  model: SnapshotModel,
  features: RequestFeatures,
): ExclusionFinding {
  return {
    reason: 'context_window',
    setting: 'model.contextWindow',
    detail: `${model.canonicalId} has a ${model.contextWindow}-token context window; the request needs about ${contextTokensNeeded(features)}`,
    param: 'messages',
  };
}

/** The request parameter that asks for each capability, named in the 400 a caller gets. */
const capabilityParameter: Readonly<Record<Capability, string>> = {
  tools: 'tools',
  json_schema: 'response_format',
  json_object: 'response_format',
  vision: 'messages',
  audio: 'messages',
  documents: 'messages',
  reasoning: 'reasoning_effort',
  embeddings: 'model',
};

function missingCapability(
  capabilities: readonly Capability[],
  features: RequestFeatures,
): Capability | undefined {
  if (features.tools && !capabilities.includes('tools')) return 'tools';
  if (features.images && !capabilities.includes('vision')) return 'vision';
  if (features.audio && !capabilities.includes('audio')) return 'audio';
  if (features.documents && !capabilities.includes('documents')) return 'documents';
  if (features.jsonOutput === 'json_schema' && !capabilities.includes('json_schema'))
    return 'json_schema';
  // A model with strict JSON schema output can always produce a plain JSON object.
  if (
    features.jsonOutput === 'json_object' &&
    !capabilities.includes('json_object') &&
    !capabilities.includes('json_schema')
  ) {
    return 'json_object';
  }
  return undefined;
}
