import { parseInput } from '../../graphql/parse-input.js';
import { sampleRequestSchema, type DryRunSampleRequestInput } from './routing-policy.inputs.js';
import type { DryRunResult } from './routing-policy.model.js';
import { matchRoutingRules } from './match-routing-rules.js';
import { parsePolicyDocument } from './routing-policies.service.js';

/**
 * Validates `document` (BAD_USER_INPUT with paths under `document`) and explains which rule would
 * route `sample`. Pure: nothing is stored or sent.
 */
export function dryRunRoutingPolicy(
  document: unknown,
  sample: DryRunSampleRequestInput,
): DryRunResult {
  const parsed = parsePolicyDocument(document, 'document');
  const request = parseInput(sampleRequestSchema, sample, 'sampleRequest');
  const { matchedRule, evaluations } = matchRoutingRules(parsed, {
    model: request.model,
    promptTokens: request.promptTokens,
    features: {
      tools: request.tools,
      images: request.images,
      jsonOutput: request.jsonOutput,
      streaming: request.streaming,
    },
    tags: request.tags,
    headers: request.headers,
    apiKeyId: request.apiKeyId,
    user: request.user,
  });
  const explanation = matchedRule
    ? `Rule '${matchedRule.name}' matches: ${matchedRule.route.strategy} over ${matchedRule.route.targets.length} target(s).`
    : `No rule matches; the request goes to the deployments of '${request.model}'.`;
  return {
    matchedRule: matchedRule?.name ?? null,
    route: matchedRule?.route ?? null,
    explanation,
    evaluations: evaluations.map((evaluation) => ({
      rule: evaluation.rule.name,
      matched: evaluation.matched,
      failedConditions: evaluation.failedConditions,
    })),
    normalizedDocument: parsed,
  };
}
