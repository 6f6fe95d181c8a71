import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UpstreamTarget } from '../spec/adapter.js';
import { bedrockAdapter } from './bedrock-adapter.js';
import { mapBedrockFinishReason } from './map-bedrock-finish-reason.js';

const recorded = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

const target: UpstreamTarget = {
  provider: 'bedrock',
  baseUrl: '',
  apiKey: 'secret',
  model: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
  region: 'us-east-1',
  options: { accessKeyId: 'AKID' },
};
const now = new Date('2026-01-02T03:04:05Z');

describe('bedrockAdapter.mapChatResponse', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(now);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('maps the recorded text answer', () => {
    expect(bedrockAdapter.mapChatResponse(recorded('amazon-bedrock-text.json'), target)).toEqual({
      body: {
        id: expect.stringMatching(/^chatcmpl-[0-9a-f-]{36}$/),
        object: 'chat.completion',
        created: now.getTime() / 1000,
        model: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content:
                'Let me count the "r"s in "strawberry":\n\ns-t-**r**-a-w-b-e-**r**-**r**-y\n\nThere are **3** "r"s in "strawberry."',
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 22,
          completion_tokens: 57,
          total_tokens: 79,
          prompt_tokens_details: { cached_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: 0 },
        },
      },
      usage: {
        inputTokens: 22,
        outputTokens: 57,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
      },
      servedModel: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
    });
  });

  it('maps the recorded tool call, keeping Bedrock’s toolUseId as the tool call id', () => {
    const mapped = bedrockAdapter.mapChatResponse(
      recorded('amazon-bedrock-tool-call.1.json'),
      target,
    );
    expect(mapped.body.choices).toEqual([
      {
        index: 0,
        message: {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'tool-use-id',
              type: 'function',
              function: { name: 'bash', arguments: '{"command":"ls -l"}' },
            },
          ],
        },
        logprobs: null,
        finish_reason: 'tool_calls',
      },
    ]);
    expect(mapped.usage).toEqual({
      inputTokens: 10,
      outputTokens: 20,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
  });

  it('adds cache reads and writes to the prompt, since Bedrock’s inputTokens excludes them', () => {
    const mapped = bedrockAdapter.mapChatResponse(
      {
        output: {
          message: {
            role: 'assistant',
            content: [
              { reasoningContent: { reasoningText: { text: 'Think.', signature: 'sig' } } },
              { text: 'Done.' },
            ],
          },
        },
        stopReason: 'max_tokens',
        usage: {
          inputTokens: 5,
          outputTokens: 7,
          totalTokens: 112,
          cacheReadInputTokens: 80,
          cacheWriteInputTokens: 20,
        },
      },
      target,
    );
    expect(mapped.usage).toEqual({
      inputTokens: 105,
      outputTokens: 7,
      cacheReadTokens: 80,
      cacheWriteTokens: 20,
      reasoningTokens: 0,
    });
    expect(mapped.body.usage).toEqual({
      prompt_tokens: 105,
      completion_tokens: 7,
      total_tokens: 112,
      prompt_tokens_details: { cached_tokens: 80, cache_write_tokens: 20 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
    expect(mapped.body.choices[0]?.message).toEqual({
      role: 'assistant',
      content: 'Done.',
      reasoning_content: 'Think.',
    });
    expect(mapped.body.choices[0]?.finish_reason).toBe('length');
  });

  it('treats an unreadable 2xx body as a retryable provider fault', () => {
    expect(() => bedrockAdapter.mapChatResponse({ output: {} }, target)).toThrow(
      expect.objectContaining({ code: 'upstream_server_error', status: 502, retryable: true }),
    );
  });
});

describe('mapBedrockFinishReason', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['tool_use', 'tool_calls'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['guardrail_intervened', 'content_filter'],
    ['content_filtered', 'content_filter'],
    ['something_new', 'stop'],
  ])('%s → %s', (stopReason, expected) => {
    expect(mapBedrockFinishReason(stopReason)).toBe(expected);
  });
});
