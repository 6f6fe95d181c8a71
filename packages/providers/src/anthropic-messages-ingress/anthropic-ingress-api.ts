import { InvalidRequestError } from '@switchyard/errors';
import { z } from 'zod';

/**
 * Wire schemas for the gateway's own `POST /v1/messages` (Anthropic Messages dialect), so the
 * Anthropic SDK and tools built on it (Claude Code via ANTHROPIC_BASE_URL) can reach any
 * provider. Request shapes follow reference §2.2–2.4; response and events §2.5–2.7.
 *
 * The request is validated as the Anthropic SDK sends it. Blocks are `loose` so fields we do not
 * translate (e.g. `citations` on replayed text) do not fail the request; the top level is
 * `loose` too, and unknown top-level fields are handed on to the canonical request, where the
 * chosen target's parameter gate refuses or drops them by name.
 */

const cacheControl = z
  .object({ type: z.literal('ephemeral'), ttl: z.enum(['5m', '1h']).optional() })
  .nullish();

const textBlock = z
  .object({ type: z.literal('text'), text: z.string(), cache_control: cacheControl })
  .loose();

const imageBlock = z
  .object({
    type: z.literal('image'),
    source: z.discriminatedUnion('type', [
      z.object({ type: z.literal('base64'), media_type: z.string(), data: z.string() }).loose(),
      z.object({ type: z.literal('url'), url: z.string() }).loose(),
      z.object({ type: z.literal('file'), file_id: z.string() }).loose(),
    ]),
    cache_control: cacheControl,
  })
  .loose();

const documentBlock = z
  .object({
    type: z.literal('document'),
    source: z.discriminatedUnion('type', [
      z.object({ type: z.literal('base64'), media_type: z.string(), data: z.string() }).loose(),
      z.object({ type: z.literal('text'), media_type: z.string(), data: z.string() }).loose(),
      z.object({ type: z.literal('url'), url: z.string() }).loose(),
      z.object({ type: z.literal('content'), content: z.unknown() }).loose(),
      z.object({ type: z.literal('file'), file_id: z.string() }).loose(),
    ]),
    title: z.string().nullish(),
    context: z.string().nullish(),
    citations: z.object({ enabled: z.boolean().optional() }).loose().nullish(),
    cache_control: cacheControl,
  })
  .loose();

const toolUseBlock = z
  .object({
    type: z.literal('tool_use'),
    id: z.string(),
    name: z.string(),
    input: z.record(z.string(), z.unknown()),
    cache_control: cacheControl,
  })
  .loose();

const toolResultBlock = z
  .object({
    type: z.literal('tool_result'),
    tool_use_id: z.string(),
    content: z
      .union([
        z.string(),
        z.array(z.discriminatedUnion('type', [textBlock, imageBlock, documentBlock])),
      ])
      .optional(),
    is_error: z.boolean().optional(),
    cache_control: cacheControl,
  })
  .loose();

const thinkingBlock = z
  .object({ type: z.literal('thinking'), thinking: z.string(), signature: z.string().optional() })
  .loose();
const redactedThinkingBlock = z
  .object({ type: z.literal('redacted_thinking'), data: z.string() })
  .loose();

export const ingressContentBlockSchema = z.discriminatedUnion('type', [
  textBlock,
  imageBlock,
  documentBlock,
  toolUseBlock,
  toolResultBlock,
  thinkingBlock,
  redactedThinkingBlock,
]);
export type IngressContentBlock = z.infer<typeof ingressContentBlockSchema>;
export type IngressMediaBlock = z.infer<typeof imageBlock> | z.infer<typeof documentBlock>;
export type IngressTextBlock = z.infer<typeof textBlock>;

export const ingressToolSchema = z
  .object({
    // Custom tools omit `type` or say `custom`; server tools say e.g. `web_search_20250305`.
    type: z.string().optional(),
    name: z.string().min(1),
    description: z.string().optional(),
    input_schema: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().optional(),
    cache_control: cacheControl,
  })
  .loose();
export type IngressTool = z.infer<typeof ingressToolSchema>;

const parallelFlag = { disable_parallel_tool_use: z.boolean().optional() };
export const anthropicEffortSchema = z.enum(['low', 'medium', 'high', 'xhigh', 'max']);

export const anthropicIngressRequestSchema = z
  .object({
    model: z.string().min(1),
    max_tokens: z.number().int().min(1),
    messages: z
      .array(
        z.object({
          role: z.enum(['user', 'assistant']),
          content: z.union([z.string(), z.array(ingressContentBlockSchema)]),
        }),
      )
      .min(1),
    system: z.union([z.string(), z.array(textBlock)]).optional(),
    stop_sequences: z.array(z.string()).optional(),
    temperature: z.number().min(0).max(1).optional(),
    top_p: z.number().min(0).max(1).optional(),
    top_k: z.number().int().min(0).optional(),
    stream: z.boolean().optional(),
    tools: z.array(ingressToolSchema).optional(),
    tool_choice: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('auto'), ...parallelFlag }),
        z.object({ type: z.literal('any'), ...parallelFlag }),
        z.object({ type: z.literal('tool'), name: z.string(), ...parallelFlag }),
        z.object({ type: z.literal('none') }),
      ])
      .optional(),
    thinking: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('enabled'), budget_tokens: z.number().int().min(1) }).loose(),
        z.object({ type: z.literal('adaptive') }).loose(),
        z.object({ type: z.literal('disabled') }),
      ])
      .optional(),
    output_config: z
      .object({
        effort: anthropicEffortSchema.optional(),
        format: z
          .object({ type: z.literal('json_schema'), schema: z.record(z.string(), z.unknown()) })
          .nullish(),
      })
      .optional(),
    metadata: z.object({ user_id: z.string().nullish() }).optional(),
    service_tier: z.enum(['auto', 'standard_only']).optional(),
  })
  .loose();
export type AnthropicIngressRequest = z.infer<typeof anthropicIngressRequestSchema>;

/** Fields of the request schema; any other top-level field is passed on as an extension. */
export const knownIngressFields: ReadonlySet<string> = new Set(
  Object.keys(anthropicIngressRequestSchema.shape),
);

/**
 * Validates an incoming body. Errors name the field the way Anthropic does
 * (`messages.0.content.1.source.type: …`), so SDK users see where their request is wrong.
 */
export function parseAnthropicIngressRequest(body: unknown): AnthropicIngressRequest {
  const parsed = anthropicIngressRequestSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const { path, message } = first
    ? deepestIssue(first, [])
    : { path: [], message: 'invalid request' };
  const param = path.map(String).join('.');
  throw new InvalidRequestError(param ? `${param}: ${message}` : message, param ? { param } : {});
}

interface LocatedIssue {
  path: PropertyKey[];
  message: string;
}

/**
 * A union (`content: string | blocks`) reports only "Invalid input" at its own path; the useful
 * complaint is inside the branch that got furthest, whose issue paths are relative to it.
 */
function deepestIssue(issue: z.core.$ZodIssue, prefix: PropertyKey[]): LocatedIssue {
  const own: LocatedIssue = { path: [...prefix, ...issue.path], message: issue.message };
  if (issue.code !== 'invalid_union') return own;
  let best = own;
  for (const branch of issue.errors) {
    for (const inner of branch) {
      const candidate = deepestIssue(inner, own.path);
      if (candidate.path.length > best.path.length) best = candidate;
    }
  }
  return best;
}

// ── What the gateway answers (§2.5, §2.6) ───────────────────────────────────────────────────

export const anthropicStopReasonSchema = z.enum([
  'end_turn',
  'max_tokens',
  'stop_sequence',
  'tool_use',
  'refusal',
]);
export type AnthropicStopReason = z.infer<typeof anthropicStopReasonSchema>;

export const anthropicOutputUsageSchema = z.object({
  input_tokens: z.number(),
  output_tokens: z.number(),
  cache_creation_input_tokens: z.number(),
  cache_read_input_tokens: z.number(),
});
export type AnthropicOutputUsage = z.infer<typeof anthropicOutputUsageSchema>;

const outputTextBlock = z.object({ type: z.literal('text'), text: z.string() });
const outputThinkingBlock = z.object({
  type: z.literal('thinking'),
  thinking: z.string(),
  signature: z.string(),
});
const outputToolUseBlock = z.object({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.record(z.string(), z.unknown()),
});
export const anthropicOutputBlockSchema = z.discriminatedUnion('type', [
  outputTextBlock,
  outputThinkingBlock,
  outputToolUseBlock,
]);
export type AnthropicOutputBlock = z.infer<typeof anthropicOutputBlockSchema>;

export const anthropicOutputMessageSchema = z.object({
  id: z.string(),
  type: z.literal('message'),
  role: z.literal('assistant'),
  model: z.string(),
  content: z.array(anthropicOutputBlockSchema),
  stop_reason: anthropicStopReasonSchema.nullable(),
  stop_sequence: z.string().nullable(),
  usage: anthropicOutputUsageSchema,
});
export type AnthropicOutputMessage = z.infer<typeof anthropicOutputMessageSchema>;

export const anthropicErrorTypeSchema = z.enum([
  'invalid_request_error',
  'authentication_error',
  'permission_error',
  'not_found_error',
  'request_too_large',
  'rate_limit_error',
  'api_error',
  'timeout_error',
  'overloaded_error',
]);
export type AnthropicErrorType = z.infer<typeof anthropicErrorTypeSchema>;

export const anthropicErrorBodySchema = z.object({
  type: z.literal('error'),
  error: z.object({ type: anthropicErrorTypeSchema, message: z.string() }),
});
export type AnthropicErrorBody = z.infer<typeof anthropicErrorBodySchema>;

export const anthropicOutputEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('message_start'),
    message: anthropicOutputMessageSchema.extend({
      stop_reason: z.null(),
      content: z.array(z.never()),
    }),
  }),
  z.object({
    type: z.literal('content_block_start'),
    index: z.number().int(),
    content_block: anthropicOutputBlockSchema,
  }),
  z.object({
    type: z.literal('content_block_delta'),
    index: z.number().int(),
    delta: z.discriminatedUnion('type', [
      z.object({ type: z.literal('text_delta'), text: z.string() }),
      z.object({ type: z.literal('input_json_delta'), partial_json: z.string() }),
      z.object({ type: z.literal('thinking_delta'), thinking: z.string() }),
    ]),
  }),
  z.object({ type: z.literal('content_block_stop'), index: z.number().int() }),
  z.object({
    type: z.literal('message_delta'),
    delta: z.object({
      stop_reason: anthropicStopReasonSchema,
      stop_sequence: z.string().nullable(),
    }),
    usage: anthropicOutputUsageSchema,
  }),
  z.object({ type: z.literal('message_stop') }),
  anthropicErrorBodySchema,
]);
export type AnthropicOutputEvent = z.infer<typeof anthropicOutputEventSchema>;
