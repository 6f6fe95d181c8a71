import { z } from 'zod';

/**
 * The routing-policy language: an ordered list of rules, each with conditions and a route.
 * The first rule whose conditions all hold decides the route; a request no rule matches goes to
 * the deployments of the model it asked for. Documents are plain JSON an admin can read and diff.
 */

export const routingPolicyLanguageVersion = 1;

const tokenRange = z
  .object({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() })
  .strict()
  .refine((range) => range.min === undefined || range.max === undefined || range.min <= range.max, {
    message: 'min must be <= max',
  });

/** Conditions of one rule; all given conditions must hold (AND). Lists match any element (OR). */
export const ruleConditionsSchema = z
  .object({
    /** Requested model names or aliases (exact match). */
    models: z.array(z.string().min(1)).min(1).optional(),
    /** Estimated prompt tokens. */
    promptTokens: tokenRange.optional(),
    /** Request features that must be present (true) or absent (false). */
    features: z
      .object({
        tools: z.boolean().optional(),
        images: z.boolean().optional(),
        jsonOutput: z.boolean().optional(),
        streaming: z.boolean().optional(),
      })
      .strict()
      .optional(),
    /** Caller metadata tags (`x-switchyard-tags` header or request `metadata`) that must match. */
    tags: z.record(z.string(), z.string()).optional(),
    /** Request headers (lower-case names) that must equal the given values. */
    headers: z.record(z.string(), z.string()).optional(),
    /** Gateway API key ids. */
    keys: z.array(z.string()).min(1).optional(),
    /** End-user ids (`user` field or `x-switchyard-user` header). */
    users: z.array(z.string()).min(1).optional(),
  })
  .strict();
export type RuleConditions = z.infer<typeof ruleConditionsSchema>;

/** A candidate target: a named deployment, or every deployment of a catalog model. */
export const routeTargetSchema = z
  .object({
    deployment: z.string().min(1).optional(),
    model: z.string().min(1).optional(),
    /** Relative weight for the `weighted` strategy. */
    weight: z.number().int().min(0).max(1_000_000).optional(),
  })
  .strict()
  .refine((target) => (target.deployment === undefined) !== (target.model === undefined), {
    message: 'a target names exactly one of `deployment` or `model`',
  });
export type RouteTarget = z.infer<typeof routeTargetSchema>;

export const routingStrategySchema = z.enum([
  'priority',
  'weighted',
  'lowest-cost',
  'lowest-latency',
  'least-busy',
]);
export type RoutingStrategy = z.infer<typeof routingStrategySchema>;

export const capabilitySchema = z.enum([
  'tools',
  'json_schema',
  'json_object',
  'vision',
  'audio',
  'documents',
  'reasoning',
  'embeddings',
]);
export type Capability = z.infer<typeof capabilitySchema>;

export const retryOnSchema = z.enum(['connect', 'timeout', '408', '429', '5xx']);

export const routeSchema = z
  .object({
    strategy: routingStrategySchema.default('priority'),
    targets: z.array(routeTargetSchema).min(1),
    /** Constraints applied to every target before the strategy weighs them. */
    providers: z.array(z.string()).optional(),
    regions: z.array(z.string()).optional(),
    /** Ceiling on the blended price, nano-USD per million tokens (input + output). */
    maxPriceNanoUsdPerMTok: z.number().int().min(0).optional(),
    minQuality: z.number().int().min(0).max(100).optional(),
    requires: z.array(capabilitySchema).optional(),
    /** Allow moving an over-long prompt to a larger-context target of this route. */
    allowLargerContext: z.boolean().default(true),
  })
  .strict();
export type Route = z.infer<typeof routeSchema>;

export const failoverSchema = z
  .object({
    maxAttempts: z.number().int().min(1).max(10).default(3),
    retryOn: z.array(retryOnSchema).default(['connect', 'timeout', '408', '429', '5xx']),
    /** Retries on the same target before moving on. */
    retriesPerTarget: z.number().int().min(0).max(5).default(1),
    backoffMs: z.number().int().min(0).max(60_000).default(100),
    maxBackoffMs: z.number().int().min(0).max(120_000).default(2_000),
    /** Overall deadline for all attempts of one request. */
    deadlineMs: z.number().int().min(100).max(900_000).default(120_000),
    connectTimeoutMs: z.number().int().min(10).max(60_000).default(5_000),
    firstTokenTimeoutMs: z.number().int().min(10).max(600_000).default(60_000),
    totalTimeoutMs: z.number().int().min(10).max(900_000).default(600_000),
    /**
     * Longest silence allowed in a stream once output has started; a stall past it ends the
     * stream with an explicit error event. Absent: `firstTokenTimeoutMs`.
     */
    streamIdleTimeoutMs: z.number().int().min(10).max(600_000).optional(),
  })
  .strict();
export type Failover = z.infer<typeof failoverSchema>;

export const routingRuleSchema = z
  .object({
    name: z.string().min(1).max(100),
    description: z.string().max(1000).optional(),
    when: ruleConditionsSchema.default({}),
    route: routeSchema,
  })
  .strict();
export type RoutingRule = z.infer<typeof routingRuleSchema>;

export const routingPolicyDocumentSchema = z
  .object({
    languageVersion: z.literal(routingPolicyLanguageVersion).default(routingPolicyLanguageVersion),
    rules: z.array(routingRuleSchema).max(200).default([]),
    failover: failoverSchema.default(failoverSchema.parse({})),
    /** Exact-match response cache for deterministic requests (temperature 0 or a seed). */
    cache: z
      .object({
        enabled: z.boolean().default(false),
        ttlSeconds: z.number().int().min(1).max(604_800).default(3_600),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((document, context) => {
    const seen = new Set<string>();
    document.rules.forEach((rule, index) => {
      if (seen.has(rule.name)) {
        context.addIssue({
          code: 'custom',
          path: ['rules', index, 'name'],
          message: `duplicate rule name '${rule.name}'`,
        });
      }
      seen.add(rule.name);
    });
  });
export type RoutingPolicyDocument = z.infer<typeof routingPolicyDocumentSchema>;
