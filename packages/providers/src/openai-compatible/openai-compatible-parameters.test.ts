import { describe, expect, it } from 'vitest';
import { knownChatRequestFields } from '../spec/chat-request.js';
import {
  chatParameters,
  coreChatParameters,
  openAiChatParameters,
} from './openai-compatible-parameters.js';

describe('chat parameter sets', () => {
  it("OpenAI's set covers the whole canonical schema plus OpenAI-only fields", () => {
    for (const field of knownChatRequestFields) expect(openAiChatParameters.has(field)).toBe(true);
    expect(openAiChatParameters.has('prompt_cache_key')).toBe(true);
    expect(coreChatParameters.has('store')).toBe(false);
  });

  it('derives a profile set without touching the base', () => {
    const derived = chatParameters(coreChatParameters, { remove: ['user'], add: ['top_k'] });
    expect(derived.has('user')).toBe(false);
    expect(derived.has('top_k')).toBe(true);
    expect(coreChatParameters.has('user')).toBe(true);
  });
});
