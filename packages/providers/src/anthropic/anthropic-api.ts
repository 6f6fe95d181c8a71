import { z } from 'zod';

/**
 * Wire schemas of the Anthropic Messages API, as far as this adapter uses it.
 * Request shapes: reference §2.2–2.4; response: §2.5; stream events: §2.6; errors: §2.7
 * (shared/reference/provider-wire-formats.md). Response-side schemas are `loose` because
 * Anthropic adds fields often (`inference_geo`, `service_tier` …) and unknown ones must not fail.
 */

// ── Request (what we send) ──────────────────────────────────────────────────────────────────

export const anthropicCacheControlSchema = z.object({
  type: z.literal('ephemeral'),
  ttl: z.enum(['5m', '1h']).optional(),
});
export type AnthropicCacheControl = z.infer<typeof anthropicCacheControlSchema>;

const cacheControl = anthropicCacheControlSchema.optional();

/** Image media types Anthropic accepts in a base64 source (§2.4). */
export const anthropicImageMediaTypes = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
] as const;

export const anthropicTextBlockSchema = z.object({
  type: z.literal('text'),
  text: z.string(),
  cache_control: cacheControl,
});
export type AnthropicTextBlock = z.infer<typeof anthropicTextBlockSchema>;

export const anthropicImageBlockSchema = z.object({
  type: z.literal('image'),
  source: z.discriminatedUnion('type', [
    z.object({
      type: z.literal('base64'),
      media_type: z.enum(anthropicImageMediaTypes),
      data: z.string(),
    }),
    z.object({ type: z.literal('url'), url: z.string() }),
  ]),
  cache_control: cacheControl,
});
export type AnthropicImageBlock = z.infer<typeof anthropicImageBlockSchema>;

export const anthropicDocumentBlockSchema = z.object({
  type: z.literal('document'),
  source: z.discriminatedUnion('type', [
    z.object({
      type: z.literal('base64'),
      media_type: z.literal('application/pdf'),
      data: z.string(),
    }),
    z.object({ type: z.literal('text'), media_type: z.literal('text/plain'), data: z.string() }),
  ]),
  title: z.string().optional(),
  cache_control: cacheControl,
});
export type AnthropicDocumentBlock = z.infer<typeof anthropicDocumentBlockSchema>;

export const anthropicToolUseBlockSchema = z.object({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.record(z.string(), z.unknown()),
  cache_control: cacheControl,
});
export type AnthropicToolUseBlock = z.infer<typeof anthropicToolUseBlockSchema>;

export const anthropicToolResultBlockSchema = z.object({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: z
    .union([
      z.string(),
      z.array(
        z.discriminatedUnion('type', [
          anthropicTextBlockSchema,
          anthropicImageBlockSchema,
          anthropicDocumentBlockSchema,
        ]),
      ),
    ])
    .optional(),
  is_error: z.boolean().optional(),
  cache_control: cacheControl,
});
export type AnthropicToolResultBlock = z.infer<typeof anthropicToolResultBlockSchema>;

export const anthropicRequestBlockSchema = z.discriminatedUnion('type', [
  anthropicTextBlockSchema,
  anthropicImageBlockSchema,
  anthropicDocumentBlockSchema,
  anthropicToolUseBlockSchema,
  anthropicToolResultBlockSchema,
]);
export type AnthropicRequestBlock = z.infer<typeof anthropicRequestBlockSchema>;

export const anthropicMessageParamSchema = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.union([z.string(), z.array(anthropicRequestBlockSchema)]),
});
export type AnthropicMessageParam = z.infer<typeof anthropicMessageParamSchema>;

export const anthropicToolSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  input_schema: z.record(z.string(), z.unknown()),
  strict: z.boolean().optional(),
  cache_control: cacheControl,
});
export type AnthropicTool = z.infer<typeof anthropicToolSchema>;

const parallelFlag = { disable_parallel_tool_use: z.boolean().optional() };
export const anthropicToolChoiceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auto'), ...parallelFlag }),
  z.object({ type: z.literal('any'), ...parallelFlag }),
  z.object({ type: z.literal('tool'), name: z.string(), ...parallelFlag }),
  z.object({ type: z.literal('none') }),
]);
export type AnthropicToolChoice = z.infer<typeof anthropicToolChoiceSchema>;

export const anthropicEffortSchema = z.enum(['low', 'medium', 'high', 'xhigh', 'max']);
export type AnthropicEffort = z.infer<typeof anthropicEffortSchema>;

export const anthropicMessagesRequestSchema = z.object({
  model: z.string(),
  max_tokens: z.number().int(),
  messages: z.array(anthropicMessageParamSchema),
  system: z.union([z.string(), z.array(anthropicTextBlockSchema)]).optional(),
  stop_sequences: z.array(z.string()).optional(),
  temperature: z.number().optional(),
  top_p: z.number().optional(),
  top_k: z.number().int().optional(),
  stream: z.boolean().optional(),
  tools: z.array(anthropicToolSchema).optional(),
  tool_choice: anthropicToolChoiceSchema.optional(),
  thinking: z
    .discriminatedUnion('type', [
      z.object({ type: z.literal('enabled'), budget_tokens: z.number().int() }),
      z.object({ type: z.literal('adaptive') }),
    ])
    .optional(),
  output_config: z
    .object({
      effort: anthropicEffortSchema.optional(),
      format: z
        .object({ type: z.literal('json_schema'), schema: z.record(z.string(), z.unknown()) })
        .optional(),
    })
    .optional(),
  metadata: z.object({ user_id: z.string() }).optional(),
  service_tier: z.enum(['auto', 'standard_only']).optional(),
});
export type AnthropicMessagesRequest = z.infer<typeof anthropicMessagesRequestSchema>;

// ── Response (what comes back) ──────────────────────────────────────────────────────────────

/** Usage counters. `input_tokens` EXCLUDES cache reads and writes (§2.5). */
export const anthropicUsageSchema = z
  .object({
    input_tokens: z.number().nullish(),
    output_tokens: z.number().nullish(),
    cache_creation_input_tokens: z.number().nullish(),
    cache_read_input_tokens: z.number().nullish(),
    output_tokens_details: z.object({ thinking_tokens: z.number().nullish() }).loose().nullish(),
  })
  .loose();
export type AnthropicUsage = z.infer<typeof anthropicUsageSchema>;

export const anthropicResponseBlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }).loose(),
  z
    .object({
      type: z.literal('tool_use'),
      id: z.string(),
      name: z.string(),
      input: z.unknown(),
    })
    .loose(),
  z.object({ type: z.literal('thinking'), thinking: z.string() }).loose(),
  z.object({ type: z.literal('redacted_thinking') }).loose(),
]);
export type AnthropicResponseBlock = z.infer<typeof anthropicResponseBlockSchema>;

const knownResponseBlockTypes: ReadonlySet<string> = new Set(
  anthropicResponseBlockSchema.options.map((option) => option.shape.type.value),
);

export const anthropicMessageSchema = z
  .object({
    id: z.string(),
    type: z.literal('message'),
    role: z.literal('assistant'),
    model: z.string(),
    // Server-tool blocks (web_search_tool_result …) and future block types are skipped, not
    // rejected: a new block type must not turn a paid answer into an error.
    content: z
      .array(z.object({ type: z.string() }).loose())
      .transform((blocks) => blocks.filter((block) => knownResponseBlockTypes.has(block.type)))
      .pipe(z.array(anthropicResponseBlockSchema)),
    stop_reason: z.string().nullish(),
    stop_sequence: z.string().nullish(),
    usage: anthropicUsageSchema,
  })
  .loose();
export type AnthropicMessage = z.infer<typeof anthropicMessageSchema>;

// ── Stream events (§2.6) ────────────────────────────────────────────────────────────────────

export const anthropicErrorPayloadSchema = z
  .object({ type: z.string(), message: z.string() })
  .loose();
export type AnthropicErrorPayload = z.infer<typeof anthropicErrorPayloadSchema>;

export const anthropicStreamEventSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('message_start'),
      message: z.object({ id: z.string(), model: z.string(), usage: anthropicUsageSchema }).loose(),
    })
    .loose(),
  z
    .object({
      type: z.literal('content_block_start'),
      index: z.number().int(),
      content_block: z.object({ type: z.string() }).loose(),
    })
    .loose(),
  z
    .object({
      type: z.literal('content_block_delta'),
      index: z.number().int(),
      delta: z.object({ type: z.string() }).loose(),
    })
    .loose(),
  z.object({ type: z.literal('content_block_stop'), index: z.number().int() }).loose(),
  z
    .object({
      type: z.literal('message_delta'),
      delta: z.object({ stop_reason: z.string().nullish() }).loose(),
      usage: anthropicUsageSchema.nullish(),
    })
    .loose(),
  z.object({ type: z.literal('message_stop') }).loose(),
  z.object({ type: z.literal('ping') }).loose(),
  z.object({ type: z.literal('error'), error: anthropicErrorPayloadSchema }).loose(),
]);
export type AnthropicStreamEvent = z.infer<typeof anthropicStreamEventSchema>;

export const knownStreamEventTypes: ReadonlySet<string> = new Set(
  anthropicStreamEventSchema.options.map((option) => option.shape.type.value),
);

export const anthropicToolUseStartSchema = z
  .object({ type: z.literal('tool_use'), id: z.string(), name: z.string() })
  .loose();

/** The content-block deltas we translate; `signature_delta`, `citations_delta` are ignored. */
export const anthropicBlockDeltaSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text_delta'), text: z.string() }).loose(),
  z.object({ type: z.literal('input_json_delta'), partial_json: z.string() }).loose(),
  z.object({ type: z.literal('thinking_delta'), thinking: z.string() }).loose(),
]);

// ── Errors (§2.7) ───────────────────────────────────────────────────────────────────────────

export const anthropicErrorBodySchema = z
  .object({
    type: z.literal('error'),
    error: anthropicErrorPayloadSchema,
    request_id: z.string().nullish(),
  })
  .loose();
