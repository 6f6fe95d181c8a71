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
import { groqAdapter } from './groq-adapter.js';

const target: UpstreamTarget = {
  provider: 'groq',
  baseUrl: 'https://api.groq.com/openai/v1',
  apiKey: 'gsk-test',
  model: 'llama-3.3-70b-versatile',
};
const reject = { unsupported: 'reject', now: new Date('2026-01-01T00:00:00Z') } as const;
const drop = { ...reject, unsupported: 'drop' } as const;
const recordedResponse = readJson(new URL('./__fixtures__/groq-tool-call.json', import.meta.url));
const recordedChunks = chunkLines(
  readText(new URL('./__fixtures__/groq-tool-call.chunks.txt', import.meta.url)),
);
const weatherTool = {
  type: 'function',
  function: { name: 'weather', parameters: { type: 'object', properties: {} } },
} as const;

runOpenAiCompatibleContractSuite(groqAdapter, target);

describe('groqAdapter request', () => {
  it('forwards tools, n=1 and reasoning_format with include_usage on streams', () => {
    const request: ChatCompletionRequest = {
      model: 'alias',
      messages: [{ role: 'user', content: 'Weather?' }],
      tools: [weatherTool],
      tool_choice: 'auto',
      n: 1,
      reasoning_format: 'parsed',
      stream: true,
    };
    const { http, dropped } = groqAdapter.mapChatRequest(request, target, reject);
    expect(http.url).toBe('https://api.groq.com/openai/v1/chat/completions');
    expect(http.headers).toEqual({
      'content-type': 'application/json',
      authorization: 'Bearer gsk-test',
    });
    expect(JSON.parse(http.body ?? '')).toEqual({
      model: 'llama-3.3-70b-versatile',
      messages: [{ role: 'user', content: 'Weather?' }],
      tools: [weatherTool],
      tool_choice: 'auto',
      n: 1,
      reasoning_format: 'parsed',
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(dropped).toEqual([]);
  });

  it('refuses what Groq answers with 400: n>1, logprobs, logit_bias, named messages', () => {
    const request: ChatCompletionRequest = {
      model: 'alias',
      messages: [{ role: 'user', content: 'Hi', name: 'ada' }],
      n: 2,
      logprobs: true,
      top_logprobs: 3,
      logit_bias: { '50256': -100 },
    };
    expect(thrownBy(() => groqAdapter.mapChatRequest(request, target, reject))).toMatchObject({
      code: 'unsupported_parameter',
      param: 'logprobs',
    });
    const result = groqAdapter.mapChatRequest(request, target, drop);
    expect(result.dropped).toEqual([
      'logprobs',
      'top_logprobs',
      'logit_bias',
      'n',
      'messages[].name',
    ]);
    expect(JSON.parse(result.http.body ?? '')).toEqual({
      model: 'llama-3.3-70b-versatile',
      messages: [{ role: 'user', content: 'Hi' }],
    });
  });
});

describe('groqAdapter response and stream', () => {
  it('maps the recorded tool-call response', () => {
    const mapped = groqAdapter.mapChatResponse(recordedResponse, target);
    expect(mapped.body).toEqual({
      id: 'chatcmpl-1fd017fc-60b8-44eb-a736-375b8e1bc3e7',
      object: 'chat.completion',
      created: 1770770815,
      model: 'llama-3.3-70b-versatile',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'ax9fskhev', type: 'function', function: { name: 'weather', arguments: '{}' } },
            ],
          },
          logprobs: null,
          finish_reason: 'tool_calls',
        },
      ],
      usage: {
        prompt_tokens: 218,
        completion_tokens: 15,
        total_tokens: 233,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
      system_fingerprint: 'fp_f8b414701e',
      service_tier: 'on_demand',
    });
    expect(mapped.usage).toEqual({
      inputTokens: 218,
      outputTokens: 15,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
  });

  it('replays the recorded stream: the whole call in one fragment passes as is', () => {
    const converter = groqAdapter.createChatStreamConverter(target, {
      responseId: 'unused',
      created: 0,
    });
    const chunks = feedInSlices(converter, frameSse(recordedChunks), 7);
    const envelope = {
      id: 'chatcmpl-b610d559-f156-4aca-8827-24b4fe6af54f',
      object: 'chat.completion.chunk',
      created: 1770770843,
      model: 'llama-3.3-70b-versatile',
      system_fingerprint: 'fp_f8b414701e',
    };
    expect(chunks).toEqual([
      {
        ...envelope,
        choices: [
          {
            index: 0,
            delta: { role: 'assistant', content: null },
            logprobs: null,
            finish_reason: null,
          },
        ],
      },
      {
        ...envelope,
        choices: [
          {
            index: 0,
            delta: {
              tool_calls: [
                {
                  index: 0,
                  id: 'tk85n1k4m',
                  type: 'function',
                  function: { name: 'weather', arguments: '{}' },
                },
              ],
            },
            logprobs: null,
            finish_reason: null,
          },
        ],
      },
      {
        ...envelope,
        choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'tool_calls' }],
      },
      {
        ...envelope,
        choices: [],
        usage: {
          prompt_tokens: 210,
          completion_tokens: 15,
          total_tokens: 225,
          prompt_tokens_details: { cached_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: 0 },
        },
      },
    ]);
  });

  it('reads usage from x_groq.usage when the top-level usage is missing', () => {
    const lastLine = JSON.parse(recordedChunks.at(-1) ?? '{}') as Record<string, unknown>;
    delete lastLine['usage'];
    const converter = groqAdapter.createChatStreamConverter(target, {
      responseId: 'r',
      created: 0,
    });
    const chunks = feedInSlices(converter, frameSse([JSON.stringify(lastLine)]), 64);
    expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 210, completion_tokens: 15 });
    expect(converter.usage).toMatchObject({ inputTokens: 210, outputTokens: 15 });
  });

  it('reads parsed reasoning from the reasoning field', () => {
    const converter = groqAdapter.createChatStreamConverter(target, {
      responseId: 'r',
      created: 0,
    });
    const chunks = converter.push(
      frameSse(
        [
          '{"id":"g","created":1,"model":"qwen/qwen3-32b","choices":[{"index":0,"delta":{"reasoning":"Think."}}]}',
        ],
        {
          done: false,
        },
      ),
    );
    expect(chunks[0]?.choices[0]?.delta).toEqual({ reasoning_content: 'Think.' });
  });
});
