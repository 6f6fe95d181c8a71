import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UpstreamTarget } from '../spec/adapter.js';
import { geminiAdapter } from './gemini-adapter.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

const target: UpstreamTarget = {
  provider: 'gemini',
  baseUrl: 'https://generativelanguage.googleapis.com',
  apiKey: 'k',
  model: 'gemini-3-pro-preview',
};
const now = new Date('2026-01-02T03:04:05Z');

describe('geminiAdapter.mapChatResponse', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(now);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('maps the recorded text answer, counting thoughts as completion tokens', () => {
    expect(geminiAdapter.mapChatResponse(fixture('google-text.json'), target)).toEqual({
      body: {
        id: 'chatcmpl-Un6LacrVMcjUxs0PmJfWoQc',
        object: 'chat.completion',
        created: now.getTime() / 1000,
        model: 'gemini-3-pro-preview',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content:
                "There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.",
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 9,
          completion_tokens: 272,
          total_tokens: 281,
          prompt_tokens_details: { cached_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: 244 },
        },
      },
      usage: {
        inputTokens: 9,
        outputTokens: 272,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 244,
      },
      servedModel: 'gemini-3-pro-preview',
    });
  });

  it('maps the recorded function call to a tool call with a minted id and finish tool_calls', () => {
    const mapped = geminiAdapter.mapChatResponse(fixture('google-tool-call.json'), target);
    expect(mapped.body.choices).toEqual([
      {
        index: 0,
        message: {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_m36LaZGyCLz1xs0PtNSB-QU_0',
              type: 'function',
              function: { name: 'weather', arguments: '{"location":"San Francisco"}' },
            },
          ],
        },
        logprobs: null,
        finish_reason: 'tool_calls',
      },
    ]);
    expect(mapped.usage).toEqual({
      inputTokens: 29,
      outputTokens: 908,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 893,
    });
    expect(mapped.body.usage?.total_tokens).toBe(937);
  });

  it('routes thought parts to reasoning_content, maps cached tokens and logprobs', () => {
    const mapped = geminiAdapter.mapChatResponse(
      {
        candidates: [
          {
            content: { role: 'model', parts: [{ text: 'Plan.', thought: true }, { text: 'Hi' }] },
            finishReason: 'MAX_TOKENS',
            index: 0,
            logprobsResult: {
              topCandidates: [
                {
                  candidates: [
                    { token: 'Hi', logProbability: -0.1 },
                    { token: 'Yo', logProbability: -2 },
                  ],
                },
              ],
              chosenCandidates: [{ token: 'Hi', logProbability: -0.1 }],
            },
          },
        ],
        usageMetadata: {
          promptTokenCount: 100,
          cachedContentTokenCount: 60,
          candidatesTokenCount: 1,
          thoughtsTokenCount: 2,
          totalTokenCount: 103,
        },
      },
      target,
    );
    expect(mapped.body.choices[0]).toEqual({
      index: 0,
      message: { role: 'assistant', content: 'Hi', reasoning_content: 'Plan.' },
      logprobs: {
        content: [
          {
            token: 'Hi',
            logprob: -0.1,
            bytes: [72, 105],
            top_logprobs: [
              { token: 'Hi', logprob: -0.1, bytes: [72, 105] },
              { token: 'Yo', logprob: -2, bytes: [89, 111] },
            ],
          },
        ],
        refusal: null,
      },
      finish_reason: 'length',
    });
    expect(mapped.usage).toEqual({
      inputTokens: 100,
      outputTokens: 3,
      cacheReadTokens: 60,
      cacheWriteTokens: 0,
      reasoningTokens: 2,
    });
    expect(mapped.servedModel).toBe('gemini-3-pro-preview');
  });

  it('answers a blocked prompt with an empty content_filter choice', () => {
    const mapped = geminiAdapter.mapChatResponse(
      {
        promptFeedback: { blockReason: 'SAFETY' },
        usageMetadata: { promptTokenCount: 5, totalTokenCount: 5 },
      },
      target,
    );
    expect(mapped.body.choices).toEqual([
      {
        index: 0,
        message: { role: 'assistant', content: null },
        logprobs: null,
        finish_reason: 'content_filter',
      },
    ]);
    expect(mapped.usage.inputTokens).toBe(5);
  });

  it('treats an unreadable 2xx body as a retryable provider fault', () => {
    expect(() => geminiAdapter.mapChatResponse({ candidates: 'nope' }, target)).toThrow(
      expect.objectContaining({
        code: 'upstream_server_error',
        status: 502,
        fault: 'provider',
        retryable: true,
      }),
    );
    expect(() => geminiAdapter.mapChatResponse({}, target)).toThrow(
      expect.objectContaining({ code: 'upstream_server_error' }),
    );
  });
});

describe('mapGeminiFinishReason', () => {
  it.each([
    ['STOP', false, 'stop'],
    ['STOP', true, 'tool_calls'],
    ['MAX_TOKENS', true, 'length'],
    ['SAFETY', false, 'content_filter'],
    ['RECITATION', false, 'content_filter'],
    ['PROHIBITED_CONTENT', false, 'content_filter'],
    ['SPII', false, 'content_filter'],
    ['IMAGE_SAFETY', false, 'content_filter'],
    ['MALFORMED_FUNCTION_CALL', false, 'stop'],
    ['OTHER', false, 'stop'],
    ['SOMETHING_NEW', false, 'stop'],
  ] as const)('%s (tool calls: %s) → %s', (reason, hasToolCalls, expected) => {
    expect(mapGeminiFinishReason(reason, hasToolCalls)).toBe(expected);
  });
});
