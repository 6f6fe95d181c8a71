/**
 * Canonical chat responses and stream chunks: OpenAI's `chat.completion` and
 * `chat.completion.chunk` objects. Adapters produce these; the Anthropic ingress converts them.
 */

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

export interface OpenAiUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number; cache_write_tokens?: number };
  completion_tokens_details?: { reasoning_tokens?: number };
}

export interface ResponseToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface ChatCompletionChoice {
  index: number;
  message: {
    role: 'assistant';
    content: string | null;
    refusal?: string | null;
    tool_calls?: ResponseToolCall[];
    /** Reasoning text for providers that expose it (DeepSeek `reasoning_content`). */
    reasoning_content?: string;
  };
  logprobs: unknown;
  finish_reason: FinishReason | null;
}

export interface ChatCompletionResponse {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: ChatCompletionChoice[];
  usage?: OpenAiUsage;
  system_fingerprint?: string | null;
  service_tier?: string | null;
}

export interface ChunkToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
}

export interface ChatCompletionChunkChoice {
  index: number;
  delta: {
    role?: 'assistant';
    content?: string | null;
    refusal?: string | null;
    reasoning_content?: string | null;
    tool_calls?: ChunkToolCallDelta[];
  };
  logprobs?: unknown;
  finish_reason: FinishReason | null;
}

export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: ChatCompletionChunkChoice[];
  usage?: OpenAiUsage | null;
  system_fingerprint?: string | null;
}
