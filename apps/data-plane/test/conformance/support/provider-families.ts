import { expect } from 'vitest';
import type { MockDialect } from '@switchyard/testkit';

/** A JSON Schema as the caller sends it in `response_format`. */
export type JsonSchema = Record<string, unknown>;

/** Probes of the parameter surface: each capability is exercised through one parameter. */
export type ProbedParameter = 'logprobs' | 'n' | 'seed' | 'reasoning_effort';

export const probeValues: Readonly<Record<ProbedParameter, boolean | number | string>> = {
  logprobs: true,
  n: 2,
  seed: 7,
  reasoning_effort: 'low',
};

/**
 * What one wire format looks like, written down from the providers' API references: where a
 * request goes and the native form each canonical field must take in the upstream request. The
 * suite matches the request the mock recorded against these shapes (`toMatchObject`).
 */
export interface ProviderFamily {
  name: 'openai' | 'azure' | 'anthropic' | 'gemini' | 'bedrock';
  dialect: MockDialect;
  chatPath(providerModelId: string, stream: boolean): string;
  /** Where a system message goes. */
  system(text: string): Record<string, unknown>;
  /** Body fields that mark a streaming request (besides the path). */
  streamBody: Record<string, unknown>;
  tools(name: string, parameters: JsonSchema): Record<string, unknown>;
  jsonSchema(name: string, schema: JsonSchema): Record<string, unknown>;
  /** JSON mode, where the family has one. */
  jsonObject: Record<string, unknown> | undefined;
  image(prompt: string, image: ImageInput): Record<string, unknown>;
  /** Native form of a probed parameter; undefined where the family has none. */
  parameter(
    name: ProbedParameter,
    renamed: Readonly<Record<string, string>>,
  ): Record<string, unknown> | undefined;
  /** The provider's own error body for a 4xx it rejects with `message`. */
  errorBody(status: number, message: string): Record<string, unknown>;
}

export type ImageInput =
  | { kind: 'url'; url: string; mediaType: string }
  | { kind: 'base64'; data: string; mediaType: string };

const openAiImage = (prompt: string, image: ImageInput) => ({
  messages: [
    {
      role: 'user',
      content: [
        { type: 'text', text: prompt },
        {
          type: 'image_url',
          image_url: {
            url: image.kind === 'url' ? image.url : `data:${image.mediaType};base64,${image.data}`,
          },
        },
      ],
    },
  ],
});

const openAiFamily: ProviderFamily = {
  name: 'openai',
  dialect: 'openai',
  chatPath: () => '/v1/chat/completions',
  system: (text) => ({
    messages: expect.arrayContaining([{ role: 'system', content: text }]) as unknown,
  }),
  streamBody: { stream: true },
  tools: (name, parameters) => ({ tools: [{ type: 'function', function: { name, parameters } }] }),
  jsonSchema: (name, schema) => ({
    response_format: { type: 'json_schema', json_schema: { name, schema } },
  }),
  jsonObject: { response_format: { type: 'json_object' } },
  image: openAiImage,
  parameter: (name, renamed) => ({ [renamed[name] ?? name]: probeValues[name] }),
  // https://platform.openai.com/docs/guides/error-codes
  errorBody: (_status, message) => ({
    error: { message, type: 'invalid_request_error', param: null, code: null },
  }),
};

const azureFamily: ProviderFamily = {
  ...openAiFamily,
  name: 'azure',
  dialect: 'azure-openai',
  chatPath: (deployment) => `/openai/deployments/${deployment}/chat/completions`,
};

const anthropicFamily: ProviderFamily = {
  name: 'anthropic',
  dialect: 'anthropic',
  chatPath: () => '/v1/messages',
  system: (text) => ({ system: text }),
  streamBody: { stream: true },
  tools: (name, parameters) => ({ tools: [{ name, input_schema: parameters }] }),
  jsonSchema: (_name, schema) => ({ output_config: { format: { type: 'json_schema', schema } } }),
  jsonObject: undefined,
  image: (prompt, image) => ({
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: prompt },
          {
            type: 'image',
            source:
              image.kind === 'url'
                ? { type: 'url', url: image.url }
                : { type: 'base64', media_type: image.mediaType, data: image.data },
          },
        ],
      },
    ],
  }),
  // Extended thinking: a budget of 10% of max_tokens (4096 by default), at least 1024.
  parameter: (name) =>
    name === 'reasoning_effort'
      ? { thinking: { type: 'enabled', budget_tokens: 1024 } }
      : undefined,
  errorBody: (_status, message) => ({
    type: 'error',
    error: { type: 'invalid_request_error', message },
  }),
};

const geminiParameters: Readonly<Record<ProbedParameter, Record<string, unknown>>> = {
  logprobs: { generationConfig: { responseLogprobs: true } },
  n: { generationConfig: { candidateCount: 2 } },
  seed: { generationConfig: { seed: 7 } },
  // Gemini 2.5: Google's documented budget for `low`.
  reasoning_effort: { generationConfig: { thinkingConfig: { thinkingBudget: 1024 } } },
};

const geminiFamily: ProviderFamily = {
  name: 'gemini',
  dialect: 'gemini',
  chatPath: (model, stream) =>
    `/v1beta/models/${model}:${stream ? 'streamGenerateContent' : 'generateContent'}`,
  system: (text) => ({ systemInstruction: { parts: [{ text }] } }),
  streamBody: {},
  tools: (name) => ({ tools: [{ functionDeclarations: [{ name }] }] }),
  jsonSchema: (_name, schema) => ({
    generationConfig: { responseMimeType: 'application/json', responseJsonSchema: schema },
  }),
  jsonObject: { generationConfig: { responseMimeType: 'application/json' } },
  image: (prompt, image) => ({
    contents: [
      {
        role: 'user',
        parts: [
          { text: prompt },
          image.kind === 'url'
            ? { fileData: { mimeType: image.mediaType, fileUri: image.url } }
            : { inlineData: { mimeType: image.mediaType, data: image.data } },
        ],
      },
    ],
  }),
  parameter: (name) => geminiParameters[name],
  errorBody: (status, message) => ({
    error: { code: status, message, status: 'INVALID_ARGUMENT' },
  }),
};

const bedrockFamily: ProviderFamily = {
  name: 'bedrock',
  dialect: 'bedrock',
  chatPath: (model, stream) => `/model/${model}/${stream ? 'converse-stream' : 'converse'}`,
  system: (text) => ({ system: [{ text }] }),
  streamBody: {},
  tools: (name, parameters) => ({
    toolConfig: { tools: [{ toolSpec: { name, inputSchema: { json: parameters } } }] },
  }),
  // Converse takes the schema as a JSON string.
  jsonSchema: (_name, schema) => ({
    outputConfig: {
      textFormat: {
        type: 'json_schema',
        structure: { jsonSchema: { schema: JSON.stringify(schema) } },
      },
    },
  }),
  jsonObject: undefined,
  image: (prompt, image) => ({
    messages: [
      {
        role: 'user',
        content: [
          { text: prompt },
          image.kind === 'base64'
            ? {
                image: {
                  format: image.mediaType.replace('image/', ''),
                  source: { bytes: image.data },
                },
              }
            : {},
        ],
      },
    ],
  }),
  parameter: () => undefined,
  // The error type travels in `x-amzn-ErrorType` (kept from the mock's plan); the body is flat.
  errorBody: (_status, message) => ({ message }),
};

export const providerFamilies = {
  openai: openAiFamily,
  azure: azureFamily,
  anthropic: anthropicFamily,
  gemini: geminiFamily,
  bedrock: bedrockFamily,
} as const satisfies Record<string, ProviderFamily>;
