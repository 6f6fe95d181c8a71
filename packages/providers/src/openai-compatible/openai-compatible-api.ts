import { z } from 'zod';

/**
 * Wire schemas of OpenAI-compatible responses, stream chunks and errors. Deliberately lenient:
 * every object is `loose` because providers add fields (`x_groq`, `obfuscation`,
 * `content_filter_results`, `num_sources_used`…), and most fields are `nullish` because providers
 * send `null` where OpenAI omits a field or vice versa. Only what the converters read is typed.
 * https://platform.openai.com/docs/api-reference/chat/object (reference §1.6, §1.7, §4)
 */

/**
 * Token counts; `prompt_cache_hit_tokens`/`miss` are DeepSeek's, read only when a profile says so.
 * Unlike the other wire objects this one strips unknown fields (still tolerating them): usage is
 * only ever read field by field, never passed on, and it is parsed on every response, where
 * copying `audio_tokens` and the like cost more than the rest of the parse.
 */
export const wireUsageSchema = z.object({
  prompt_tokens: z.number().nullish(),
  completion_tokens: z.number().nullish(),
  total_tokens: z.number().nullish(),
  prompt_tokens_details: z
    .object({ cached_tokens: z.number().nullish(), cache_write_tokens: z.number().nullish() })
    .nullish(),
  completion_tokens_details: z.object({ reasoning_tokens: z.number().nullish() }).nullish(),
  prompt_cache_hit_tokens: z.number().nullish(),
  prompt_cache_miss_tokens: z.number().nullish(),
});
export type WireUsage = z.infer<typeof wireUsageSchema>;

/** A part of array-shaped `content` (Mistral's Magistral models send `thinking` parts). */
export const wireContentPartSchema = z
  .object({ type: z.string(), text: z.string().optional() })
  .loose();
export type WireContentPart = z.infer<typeof wireContentPartSchema>;

const wireContentSchema = z.union([z.string(), z.array(wireContentPartSchema)]).nullish();

/** A reasoning field that is not a string (unknown future shapes) is ignored, not fatal. */
const wireReasoningSchema = z.string().nullish().catch(null);

export const wireToolCallSchema = z
  .object({
    /** Stream fragments carry it; some providers omit it (then order decides). */
    index: z.number().int().nullish(),
    id: z.string().nullish(),
    type: z.string().nullish(),
    function: z
      .object({
        name: z.string().nullish(),
        /** A JSON string per OpenAI; a few servers send the parsed object instead. */
        arguments: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
      })
      .loose()
      .nullish(),
  })
  .loose();
export type WireToolCall = z.infer<typeof wireToolCallSchema>;

/** Shared by `choices[].message` and `choices[].delta`. */
export const wireMessageSchema = z
  .object({
    role: z.string().nullish(),
    content: wireContentSchema,
    refusal: z.string().nullish(),
    tool_calls: z.array(wireToolCallSchema).nullish(),
    reasoning_content: wireReasoningSchema,
    reasoning: wireReasoningSchema,
  })
  .loose();
export type WireMessage = z.infer<typeof wireMessageSchema>;

export const wireChatResponseSchema = z
  .object({
    id: z.string(),
    created: z.number().nullish(),
    model: z.string().nullish(),
    choices: z.array(
      z
        .object({
          index: z.number().int(),
          message: wireMessageSchema,
          logprobs: z.unknown().optional(),
          finish_reason: z.string().nullish(),
        })
        .loose(),
    ),
    usage: wireUsageSchema.nullish(),
    system_fingerprint: z.string().nullish(),
    service_tier: z.string().nullish(),
  })
  .loose();
export type WireChatResponse = z.infer<typeof wireChatResponseSchema>;

export const wireChatChunkSchema = z
  .object({
    id: z.string().nullish(),
    created: z.number().nullish(),
    model: z.string().nullish(),
    choices: z
      .array(
        z
          .object({
            index: z.number().int().nullish(),
            delta: wireMessageSchema.nullish(),
            logprobs: z.unknown().optional(),
            finish_reason: z.string().nullish(),
          })
          .loose(),
      )
      .nullish(),
    usage: wireUsageSchema.nullish(),
    system_fingerprint: z.string().nullish(),
  })
  .loose();
export type WireChatChunk = z.infer<typeof wireChatChunkSchema>;

/**
 * The inside of an error. OpenAI wraps it in `{"error": …}`; Mistral and vLLM send it flat with
 * `object: "error"`, and Mistral's `message` may be a pydantic `{detail: [...]}` object.
 * OpenRouter's `code` is the HTTP status as a number.
 */
export const wireErrorBodySchema = z
  .object({
    message: z.unknown().optional(),
    type: z.string().nullish(),
    code: z.union([z.string(), z.number()]).nullish(),
    param: z.string().nullish(),
  })
  .loose();
export type WireErrorBody = z.infer<typeof wireErrorBodySchema>;

export const wireErrorEnvelopeSchema = z
  .object({ error: z.union([wireErrorBodySchema, z.string()]) })
  .loose();

export const wireEmbeddingsResponseSchema = z
  .object({
    model: z.string().nullish(),
    data: z.array(
      z
        .object({
          index: z.number().int(),
          embedding: z.union([z.array(z.number()), z.string()]),
        })
        .loose(),
    ),
    usage: z
      .object({ prompt_tokens: z.number().nullish(), total_tokens: z.number().nullish() })
      .loose()
      .nullish(),
  })
  .loose();
export type WireEmbeddingsResponse = z.infer<typeof wireEmbeddingsResponseSchema>;
