import { z } from 'zod';

/**
 * Gemini Developer API (`v1beta`) wire schemas. Responses are parsed with `.loose()` objects so a
 * field Google adds tomorrow does not break today's gateway; requests are typed from the same
 * schemas so what we send is checked by the compiler.
 * Reference: shared/reference/provider-wire-formats.md §3; https://ai.google.dev/api/generate-content
 */

const jsonObject = z.record(z.string(), z.unknown());

export const geminiPartSchema = z
  .object({
    text: z.string().optional(),
    /** Marks a thought-summary text part (only sent with `includeThoughts: true`). */
    thought: z.boolean().optional(),
    /** Opaque; a sibling of the part it belongs to (reference §3.2 "Thought signatures"). */
    thoughtSignature: z.string().optional(),
    inlineData: z.object({ mimeType: z.string(), data: z.string() }).optional(),
    fileData: z.object({ mimeType: z.string().optional(), fileUri: z.string() }).optional(),
    functionCall: z
      .object({ name: z.string(), args: jsonObject.optional(), id: z.string().optional() })
      .loose()
      .optional(),
    functionResponse: z
      .object({ name: z.string(), response: jsonObject, id: z.string().optional() })
      .loose()
      .optional(),
  })
  .loose();
export type GeminiPart = z.infer<typeof geminiPartSchema>;

export const geminiContentSchema = z
  .object({
    role: z.string().optional(),
    parts: z.array(geminiPartSchema).optional(),
  })
  .loose();
export type GeminiContent = z.infer<typeof geminiContentSchema>;

const logprobCandidateSchema = z
  .object({
    token: z.string().optional(),
    tokenId: z.number().optional(),
    logProbability: z.number().optional(),
  })
  .loose();
export type GeminiLogprobCandidate = z.infer<typeof logprobCandidateSchema>;

export const geminiLogprobsResultSchema = z
  .object({
    topCandidates: z
      .array(z.object({ candidates: z.array(logprobCandidateSchema).optional() }).loose())
      .optional(),
    chosenCandidates: z.array(logprobCandidateSchema).optional(),
  })
  .loose();
export type GeminiLogprobsResult = z.infer<typeof geminiLogprobsResultSchema>;

export const geminiCandidateSchema = z
  .object({
    content: geminiContentSchema.optional(),
    finishReason: z.string().optional(),
    finishMessage: z.string().optional(),
    index: z.number().int().optional(),
    logprobsResult: geminiLogprobsResultSchema.optional(),
  })
  .loose();
export type GeminiCandidate = z.infer<typeof geminiCandidateSchema>;

export const geminiUsageMetadataSchema = z
  .object({
    promptTokenCount: z.number().optional(),
    candidatesTokenCount: z.number().optional(),
    thoughtsTokenCount: z.number().optional(),
    toolUsePromptTokenCount: z.number().optional(),
    cachedContentTokenCount: z.number().optional(),
    totalTokenCount: z.number().optional(),
  })
  .loose();
export type GeminiUsageMetadata = z.infer<typeof geminiUsageMetadataSchema>;

export const geminiGenerateContentResponseSchema = z
  .object({
    candidates: z.array(geminiCandidateSchema).optional(),
    promptFeedback: z
      .object({ blockReason: z.string().optional(), blockReasonMessage: z.string().optional() })
      .loose()
      .optional(),
    usageMetadata: geminiUsageMetadataSchema.optional(),
    modelVersion: z.string().optional(),
    responseId: z.string().optional(),
  })
  .loose();
export type GeminiGenerateContentResponse = z.infer<typeof geminiGenerateContentResponseSchema>;

/** `google.rpc.Status` error envelope (reference §3.6). */
export const geminiErrorResponseSchema = z
  .object({
    error: z
      .object({
        code: z.number().optional(),
        message: z.string().optional(),
        status: z.string().optional(),
        details: z.array(z.record(z.string(), z.unknown())).optional(),
      })
      .loose(),
  })
  .loose();
export type GeminiErrorResponse = z.infer<typeof geminiErrorResponseSchema>;

/** `embedContent` answers one vector, `batchEmbedContents` a list (reference §3.5). */
export const geminiEmbedContentResponseSchema = z
  .object({ embedding: z.object({ values: z.array(z.number()) }).loose() })
  .loose();
export const geminiBatchEmbedContentsResponseSchema = z
  .object({ embeddings: z.array(z.object({ values: z.array(z.number()) }).loose()) })
  .loose();

// ---- Request side (what we send) ----

export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  /** Plain JSON Schema (reference §3.7: preferred over the OpenAPI-subset `parameters`). */
  parametersJsonSchema?: Record<string, unknown>;
}

export interface GeminiToolConfig {
  functionCallingConfig: {
    mode: 'AUTO' | 'ANY' | 'NONE';
    allowedFunctionNames?: string[];
  };
}

export interface GeminiThinkingConfig {
  thinkingBudget?: number;
  thinkingLevel?: 'MINIMAL' | 'LOW' | 'MEDIUM' | 'HIGH';
}

export interface GeminiGenerationConfig {
  temperature?: number;
  topP?: number;
  candidateCount?: number;
  maxOutputTokens?: number;
  stopSequences?: string[];
  presencePenalty?: number;
  frequencyPenalty?: number;
  seed?: number;
  responseLogprobs?: boolean;
  logprobs?: number;
  responseMimeType?: string;
  responseJsonSchema?: Record<string, unknown>;
  thinkingConfig?: GeminiThinkingConfig;
}

export interface GeminiGenerateContentRequest {
  systemInstruction?: { parts: GeminiPart[] };
  contents: GeminiContent[];
  tools?: { functionDeclarations: GeminiFunctionDeclaration[] }[];
  toolConfig?: GeminiToolConfig;
  generationConfig?: GeminiGenerationConfig;
}

export interface GeminiEmbedContentRequest {
  /** Required on each entry of `batchEmbedContents`, absent for `embedContent`. */
  model?: string;
  content: { parts: { text: string }[] };
  outputDimensionality?: number;
}
