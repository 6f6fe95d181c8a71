import { z } from 'zod';

/**
 * AWS Bedrock Converse / ConverseStream wire schemas (reference §4.10;
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html).
 * Responses are `.loose()` so new fields do not break parsing; request types are what we send.
 */

export const bedrockUsageSchema = z
  .object({
    inputTokens: z.number().optional(),
    outputTokens: z.number().optional(),
    totalTokens: z.number().optional(),
    cacheReadInputTokens: z.number().optional(),
    cacheWriteInputTokens: z.number().optional(),
  })
  .loose();
export type BedrockUsage = z.infer<typeof bedrockUsageSchema>;

const reasoningContentSchema = z
  .object({
    reasoningText: z
      .object({ text: z.string().optional(), signature: z.string().optional() })
      .loose()
      .optional(),
    redactedContent: z.string().optional(),
  })
  .loose();

export const bedrockContentBlockSchema = z
  .object({
    text: z.string().optional(),
    toolUse: z
      .object({ toolUseId: z.string(), name: z.string(), input: z.unknown() })
      .loose()
      .optional(),
    reasoningContent: reasoningContentSchema.optional(),
  })
  .loose();
export type BedrockResponseContentBlock = z.infer<typeof bedrockContentBlockSchema>;

export const bedrockConverseResponseSchema = z
  .object({
    output: z
      .object({
        message: z
          .object({ role: z.string().optional(), content: z.array(bedrockContentBlockSchema) })
          .loose()
          .optional(),
      })
      .loose(),
    stopReason: z.string(),
    usage: bedrockUsageSchema.optional(),
  })
  .loose();
export type BedrockConverseResponse = z.infer<typeof bedrockConverseResponseSchema>;

// ---- ConverseStream events: the payload of each eventstream message, named by `:event-type` ----

export const bedrockStreamEventSchemas = {
  messageStart: z.object({ role: z.string().optional() }).loose(),
  contentBlockStart: z
    .object({
      contentBlockIndex: z.number().int(),
      start: z
        .object({
          toolUse: z.object({ toolUseId: z.string(), name: z.string() }).loose().optional(),
        })
        .loose()
        .optional(),
    })
    .loose(),
  contentBlockDelta: z
    .object({
      contentBlockIndex: z.number().int(),
      delta: z
        .object({
          text: z.string().optional(),
          toolUse: z.object({ input: z.string() }).loose().optional(),
          reasoningContent: z
            .object({
              text: z.string().optional(),
              signature: z.string().optional(),
              redactedContent: z.string().optional(),
            })
            .loose()
            .optional(),
        })
        .loose(),
    })
    .loose(),
  contentBlockStop: z.object({ contentBlockIndex: z.number().int() }).loose(),
  messageStop: z.object({ stopReason: z.string() }).loose(),
  metadata: z.object({ usage: bedrockUsageSchema.optional() }).loose(),
};

/** `{"message": "…"}` (some services capitalise it) with the type in `x-amzn-ErrorType`. */
export const bedrockErrorBodySchema = z
  .object({
    message: z.string().optional(),
    Message: z.string().optional(),
    __type: z.string().optional(),
  })
  .loose();

// ---- Request side (what we send) ----

export type BedrockImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';
export type BedrockDocumentFormat =
  'pdf' | 'csv' | 'doc' | 'docx' | 'xls' | 'xlsx' | 'html' | 'txt' | 'md';

export type BedrockContentBlock =
  | { text: string }
  | { image: { format: BedrockImageFormat; source: { bytes: string } } }
  | { document: { format: BedrockDocumentFormat; name: string; source: { bytes: string } } }
  | { toolUse: { toolUseId: string; name: string; input: Record<string, unknown> } }
  | { toolResult: { toolUseId: string; content: { text: string }[] } };

export interface BedrockMessage {
  role: 'user' | 'assistant';
  content: BedrockContentBlock[];
}

export interface BedrockToolConfig {
  tools: {
    toolSpec: {
      name: string;
      description?: string;
      inputSchema: { json: Record<string, unknown> };
      strict?: boolean;
    };
  }[];
  toolChoice?:
    { auto: Record<string, never> } | { any: Record<string, never> } | { tool: { name: string } };
}

export interface BedrockConverseRequest {
  messages: BedrockMessage[];
  system?: { text: string }[];
  inferenceConfig?: {
    maxTokens?: number;
    temperature?: number;
    topP?: number;
    stopSequences?: string[];
  };
  toolConfig?: BedrockToolConfig;
  outputConfig?: {
    textFormat: {
      type: 'json_schema';
      structure: { jsonSchema: { schema: string; name?: string; description?: string } };
    };
  };
}
