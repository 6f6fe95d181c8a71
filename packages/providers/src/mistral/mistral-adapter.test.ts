import { describe, expect, it } from 'vitest';
import {
  chunkLines,
  feedInSlices,
  frameSse,
  readJson,
  readText,
  thrownBy,
} from '../openai-compatible/__fixtures__/replay-sse.js';
import { runOpenAiCompatibleContractSuite } from '../openai-compatible/__fixtures__/run-contract-suite.js';
import type { UpstreamTarget } from '../spec/adapter.js';
import type { ChatCompletionRequest } from '../spec/chat-request.js';
import { mistralAdapter, toMistralToolCallId } from './mistral-adapter.js';

const target: UpstreamTarget = {
  provider: 'mistral',
  baseUrl: 'https://api.mistral.ai/v1',
  apiKey: 'mk-test',
  model: 'mistral-small-latest',
};
const reject = { unsupported: 'reject', now: new Date('2026-01-01T00:00:00Z') } as const;
const drop = { ...reject, unsupported: 'drop' } as const;
const recordedResponse = readJson(new URL('./__fixtures__/mistral-text.json', import.meta.url)) as {
  choices: [{ message: { content: string } }];
};
const recordedChunks = chunkLines(
  readText(new URL('./__fixtures__/mistral-text.chunks.txt', import.meta.url)),
);
const body = (request: ChatCompletionRequest, options: typeof reject | typeof drop = reject) =>
  JSON.parse(mistralAdapter.mapChatRequest(request, target, options).http.body ?? '') as unknown;

runOpenAiCompatibleContractSuite(mistralAdapter, target);

describe('mistralAdapter request', () => {
  it('renames seed and max_completion_tokens, turns developer into system, omits stream_options', () => {
    const request: ChatCompletionRequest = {
      model: 'alias',
      messages: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      seed: 42,
      max_completion_tokens: 100,
      stream: true,
      stream_options: { include_usage: true },
      safe_prompt: true,
    };
    const { http, dropped } = mistralAdapter.mapChatRequest(request, target, reject);
    expect(http.url).toBe('https://api.mistral.ai/v1/chat/completions');
    expect(http.headers).toEqual({
      'content-type': 'application/json',
      authorization: 'Bearer mk-test',
    });
    expect(JSON.parse(http.body ?? '')).toEqual({
      model: 'mistral-small-latest',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      random_seed: 42,
      max_tokens: 100,
      stream: true,
      safe_prompt: true,
    });
    expect(dropped).toEqual([]);
  });

  it('refuses fields Mistral answers with 422, or drops them and says so', () => {
    const request: ChatCompletionRequest = {
      model: 'alias',
      messages: [
        { role: 'user', content: 'Hi', name: 'ada' },
        { role: 'assistant', content: 'Hello', reasoning_content: 'greet back' },
      ],
      user: 'u-1',
      logprobs: true,
    };
    expect(thrownBy(() => mistralAdapter.mapChatRequest(request, target, reject))).toMatchObject({
      code: 'unsupported_parameter',
      param: 'user',
    });
    const result = mistralAdapter.mapChatRequest(request, target, drop);
    expect(result.dropped).toEqual([
      'user',
      'logprobs',
      'messages[].name',
      'messages[].reasoning_content',
    ]);
    expect(JSON.parse(result.http.body ?? '')).toEqual({
      model: 'mistral-small-latest',
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
      ],
    });
  });

  it('refuses both seed and random_seed at once instead of choosing one', () => {
    expect(
      thrownBy(() =>
        mistralAdapter.mapChatRequest(
          { ...baseRequest(), seed: 1, random_seed: 2 },
          target,
          reject,
        ),
      ),
    ).toMatchObject({ param: 'seed' });
  });

  it('rewrites foreign tool-call ids to 9 alphanumerics, consistently across call and answer', () => {
    const rewritten = toMistralToolCallId('call_abc123');
    expect(rewritten).toMatch(/^[a-zA-Z0-9]{9}$/);
    expect(toMistralToolCallId('call_abc123')).toBe(rewritten);
    expect(toMistralToolCallId('ax9fskhev')).toBe('ax9fskhev');
    const request: ChatCompletionRequest = {
      model: 'alias',
      messages: [
        { role: 'user', content: 'Weather?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_abc123', type: 'function', function: { name: 'weather', arguments: '{}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_abc123', content: 'sunny' },
      ],
    };
    expect(body(request)).toMatchObject({
      messages: [
        {},
        {
          tool_calls: [
            { id: rewritten, type: 'function', function: { name: 'weather', arguments: '{}' } },
          ],
        },
        { role: 'tool', tool_call_id: rewritten, content: 'sunny' },
      ],
    });
  });
});

describe('mistralAdapter response and stream', () => {
  it('maps the recorded text response', () => {
    const mapped = mistralAdapter.mapChatResponse(recordedResponse, target);
    expect(mapped.body).toEqual({
      id: '5319bd0299614c679a0068a4f2c8ffd0',
      object: 'chat.completion',
      created: 1769088720,
      model: 'mistral-small-latest',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: recordedResponse.choices[0].message.content },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 13,
        completion_tokens: 434,
        total_tokens: 447,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    });
    expect(mapped.usage).toEqual({
      inputTokens: 13,
      outputTokens: 434,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
  });

  it('replays the recorded stream: usage moves from the finish chunk to a final usage chunk', () => {
    const converter = mistralAdapter.createChatStreamConverter(target, {
      responseId: 'unused',
      created: 0,
    });
    const chunks = feedInSlices(converter, frameSse(recordedChunks), 7);
    const envelope = {
      id: '5319bd0299614c679a0068a4f2c8ffd0',
      object: 'chat.completion.chunk',
      created: 1769088720,
      model: 'mistral-small-latest',
    };
    const text = (content: string) => ({
      ...envelope,
      choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }],
    });
    expect(chunks).toEqual([
      {
        ...envelope,
        choices: [
          {
            index: 0,
            delta: { role: 'assistant', content: '' },
            logprobs: null,
            finish_reason: null,
          },
        ],
      },
      text('Hello'),
      text(', '),
      text('world!'),
      text(' This'),
      text(' is a test'),
      text(' response.'),
      {
        ...envelope,
        choices: [{ index: 0, delta: { content: '' }, logprobs: null, finish_reason: 'stop' }],
      },
      {
        ...envelope,
        choices: [],
        usage: {
          prompt_tokens: 13,
          completion_tokens: 8,
          total_tokens: 21,
          prompt_tokens_details: { cached_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: 0 },
        },
      },
    ]);
    expect(converter.usage).toMatchObject({ inputTokens: 13, outputTokens: 8 });
  });

  it('splits Magistral thinking parts into reasoning_content', () => {
    const mapped = mistralAdapter.mapChatResponse(
      {
        id: 'm1',
        created: 1,
        model: 'magistral-small-latest',
        choices: [
          {
            index: 0,
            finish_reason: 'stop',
            message: {
              role: 'assistant',
              content: [
                { type: 'thinking', thinking: [{ type: 'text', text: 'Count the r’s.' }] },
                { type: 'text', text: 'Three.' },
              ],
            },
          },
        ],
      },
      target,
    );
    expect(mapped.body.choices[0]?.message).toEqual({
      role: 'assistant',
      content: 'Three.',
      reasoning_content: 'Count the r’s.',
    });
  });

  it('reads model_length as length and finish_reason error as an upstream failure', () => {
    const response = (finishReason: string) => ({
      id: 'm1',
      created: 1,
      model: 'mistral-small-latest',
      choices: [
        { index: 0, finish_reason: finishReason, message: { role: 'assistant', content: 'x' } },
      ],
    });
    expect(
      mistralAdapter.mapChatResponse(response('model_length'), target).body.choices[0]
        ?.finish_reason,
    ).toBe('length');
    expect(thrownBy(() => mistralAdapter.mapChatResponse(response('error'), target))).toMatchObject(
      {
        code: 'upstream_server_error',
        status: 502,
        retryable: true,
      },
    );
  });

  it('maps the flat 422 extra_forbidden error with the offending field in the message', () => {
    const error = mistralAdapter.mapError(
      422,
      {},
      '{"object":"error","message":{"detail":[{"type":"extra_forbidden","loc":["body","max_completion_tokens"],"msg":"Extra inputs are not permitted"}]},"type":"invalid_request_error","param":null,"code":null}',
    );
    expect(error).toMatchObject({
      code: 'upstream_bad_request',
      status: 422,
      fault: 'caller',
      retryable: false,
      providerCode: 'invalid_request_error',
      message: 'Mistral: body.max_completion_tokens: Extra inputs are not permitted',
    });
  });
});

function baseRequest(): ChatCompletionRequest {
  return { model: 'alias', messages: [{ role: 'user', content: 'Hi' }] };
}
