import { z } from 'zod';

/**
 * The canonical chat request: the OpenAI Chat Completions request body. Every ingress dialect
 * (OpenAI, Anthropic Messages) is converted to this, and every adapter converts from it.
 * Unknown top-level fields are kept (`loose`) so an adapter can refuse them by name instead of
 * the gateway silently discarding them.
 * https://platform.openai.com/docs/api-reference/chat/create
 */

const textPart = z.object({ type: z.literal('text'), text: z.string() }).loose();
const imagePart = z
  .object({
    type: z.literal('image_url'),
    image_url: z.object({
      url: z.string().min(1),
      detail: z.enum(['auto', 'low', 'high']).optional(),
    }),
  })
  .loose();
const audioPart = z
  .object({
    type: z.literal('input_audio'),
    input_audio: z.object({ data: z.string(), format: z.string() }),
  })
  .loose();
const filePart = z
  .object({
    type: z.literal('file'),
    file: z.object({
      file_id: z.string().optional(),
      filename: z.string().optional(),
      file_data: z.string().optional(),
    }),
  })
  .loose();
const refusalPart = z.object({ type: z.literal('refusal'), refusal: z.string() }).loose();

export const contentPartSchema = z.discriminatedUnion('type', [
  textPart,
  imagePart,
  audioPart,
  filePart,
  refusalPart,
]);
export type ContentPart = z.infer<typeof contentPartSchema>;

export const toolCallSchema = z
  .object({
    id: z.string(),
    type: z.literal('function'),
    function: z.object({ name: z.string(), arguments: z.string() }),
  })
  .loose();
export type ToolCall = z.infer<typeof toolCallSchema>;

const content = z.union([z.string(), z.array(contentPartSchema)]);

export const chatMessageSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content, name: z.string().optional() }).loose(),
  z.object({ role: z.literal('developer'), content, name: z.string().optional() }).loose(),
  z.object({ role: z.literal('user'), content, name: z.string().optional() }).loose(),
  z
    .object({
      role: z.literal('assistant'),
      content: content.nullish(),
      name: z.string().optional(),
      tool_calls: z.array(toolCallSchema).optional(),
      refusal: z.string().nullish(),
      /** DeepSeek-style reasoning text echoed back in multi-turn conversations. */
      reasoning_content: z.string().nullish(),
    })
    .loose(),
  z.object({ role: z.literal('tool'), content, tool_call_id: z.string() }).loose(),
]);
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const functionToolSchema = z
  .object({
    type: z.literal('function'),
    function: z
      .object({
        name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'must match ^[a-zA-Z0-9_-]{1,64}$'),
        description: z.string().optional(),
        parameters: z.record(z.string(), z.unknown()).optional(),
        strict: z.boolean().nullish(),
      })
      .loose(),
  })
  .loose();
export type FunctionTool = z.infer<typeof functionToolSchema>;

export const toolChoiceSchema = z.union([
  z.enum(['none', 'auto', 'required']),
  z.object({ type: z.literal('function'), function: z.object({ name: z.string() }) }).loose(),
]);
export type ToolChoice = z.infer<typeof toolChoiceSchema>;

export const responseFormatSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    json_schema: z
      .object({
        name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'must match ^[a-zA-Z0-9_-]{1,64}$'),
        description: z.string().optional(),
        schema: z.record(z.string(), z.unknown()).optional(),
        strict: z.boolean().nullish(),
      })
      .loose(),
  }),
]);
export type ResponseFormat = z.infer<typeof responseFormatSchema>;

export const chatCompletionRequestSchema = z
  .object({
    model: z.string().min(1),
    messages: z.array(chatMessageSchema).min(1),
    temperature: z.number().min(0).max(2).nullish(),
    top_p: z.number().min(0).max(1).nullish(),
    n: z.number().int().min(1).max(128).nullish(),
    stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
    max_tokens: z.number().int().min(1).nullish(),
    max_completion_tokens: z.number().int().min(1).nullish(),
    presence_penalty: z.number().min(-2).max(2).nullish(),
    frequency_penalty: z.number().min(-2).max(2).nullish(),
    logit_bias: z.record(z.string(), z.number()).nullish(),
    logprobs: z.boolean().nullish(),
    top_logprobs: z.number().int().min(0).max(20).nullish(),
    seed: z.number().int().nullish(),
    user: z.string().nullish(),
    metadata: z.record(z.string(), z.string()).nullish(),
    tools: z.array(functionToolSchema).nullish(),
    tool_choice: toolChoiceSchema.nullish(),
    parallel_tool_calls: z.boolean().nullish(),
    response_format: responseFormatSchema.nullish(),
    stream: z.boolean().nullish(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).loose().nullish(),
    reasoning_effort: z
      .enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'])
      .nullish(),
    service_tier: z.string().nullish(),
    store: z.boolean().nullish(),
  })
  .loose();
export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;

/** Top-level fields the canonical schema knows; anything else is an unknown extension. */
export const knownChatRequestFields: ReadonlySet<string> = new Set(
  Object.keys(chatCompletionRequestSchema.shape),
);
