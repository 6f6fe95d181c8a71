import type { ResponseToolCall } from '../spec/chat-response.js';
import type { WireContentPart, WireMessage, WireToolCall } from './openai-compatible-api.js';
import type { OpenAiCompatibleProfile } from './openai-compatible-profile.js';

type ReadProfile = Pick<OpenAiCompatibleProfile, 'reasoningFields' | 'readContentParts'>;

export interface MessageText {
  /** `undefined` when the wire message had no `content` key, `null` when it was null. */
  content: string | null | undefined;
  /** Reasoning text, `undefined` when the provider sent none. */
  reasoning: string | undefined;
}

/**
 * Reads the text and reasoning of a message or delta. Reasoning comes from the profile's fields
 * in order (DeepSeek/xAI `reasoning_content`, Ollama/Groq/OpenRouter `reasoning`; reference §4.1
 * "read reasoning from `reasoning_content ?? reasoning`"), else from array content parts.
 */
export function readOpenAiCompatibleMessageText(
  message: WireMessage,
  profile: ReadProfile,
): MessageText {
  let content: string | null | undefined;
  let partsReasoning = '';
  if (Array.isArray(message.content)) {
    const split = (profile.readContentParts ?? joinTextParts)(message.content);
    content = split.text;
    partsReasoning = split.reasoning;
  } else {
    content = message.content;
  }
  let reasoning: string | undefined;
  for (const field of profile.reasoningFields) {
    const value = message[field];
    if (typeof value === 'string') {
      reasoning = value;
      break;
    }
  }
  if (reasoning === undefined && partsReasoning !== '') reasoning = partsReasoning;
  return { content, reasoning };
}

function joinTextParts(parts: readonly WireContentPart[]): { text: string; reasoning: string } {
  return {
    text: parts.map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join(''),
    reasoning: '',
  };
}

/** Arguments are a JSON string on the wire; a server that sends the object gets it re-encoded. */
export function toolCallArguments(call: WireToolCall): string | undefined {
  const value = call.function?.arguments;
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A complete tool call of a non-streaming response; a missing id is derived, never random. */
export function toResponseToolCall(call: WireToolCall, fallbackId: string): ResponseToolCall {
  return {
    id: call.id || fallbackId,
    type: 'function',
    function: { name: call.function?.name ?? '', arguments: toolCallArguments(call) ?? '' },
  };
}
