import { describe, expect, it, vi } from 'vitest';
import type { UpstreamTarget } from '../spec/adapter.js';
import { chatCompletionRequestSchema } from '../spec/chat-request.js';
import { anthropicAdapter } from './anthropic-adapter.js';
import { anthropicMessagesRequestSchema } from './anthropic-api.js';
import { readJsonFixture } from './__fixtures__/replay-anthropic-sse.js';

const target: UpstreamTarget = {
  provider: 'anthropic',
  baseUrl: 'https://api.anthropic.com',
  apiKey: 'sk-ant-test',
  model: 'claude-sonnet-4-5-20250929',
};
const mapOptions = { unsupported: 'reject' as const, now: new Date('2026-01-01T00:00:00Z') };

const lookupSchema = {
  type: 'object',
  properties: { q: { type: 'string' } },
  required: ['q'],
  additionalProperties: false,
};
const summarySchema = {
  type: 'object',
  properties: { summary: { type: 'string' } },
  required: ['summary'],
  additionalProperties: false,
};

describe('anthropicAdapter.mapChatRequest', () => {
  it('builds the exact Messages API request for a rich OpenAI request', () => {
    const request = chatCompletionRequestSchema.parse({
      model: 'claude-sonnet-4-5',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'developer', content: [{ type: 'text', text: 'Answer in JSON.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare these.' },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'low' } },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            {
              type: 'file',
              file: { filename: 'report.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' },
            },
          ],
        },
        {
          role: 'assistant',
          content: 'Looking them up.',
          tool_calls: [
            {
              id: 'toolu_01',
              type: 'function',
              function: { name: 'lookup', arguments: '{"q":"cat"}' },
            },
            {
              id: 'toolu_02',
              type: 'function',
              function: { name: 'lookup', arguments: '{"q":"dog"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_01', content: '{"found":true}' },
        { role: 'tool', tool_call_id: 'toolu_02', content: [{ type: 'text', text: 'not found' }] },
        { role: 'user', content: 'Now summarise.' },
      ],
      tools: [
        {
          type: 'function',
          function: { name: 'lookup', description: 'Search', parameters: lookupSchema },
        },
      ],
      tool_choice: 'auto',
      parallel_tool_calls: false,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'summary', schema: summarySchema, strict: true },
      },
      stop: ['END'],
      reasoning_effort: 'medium',
      max_completion_tokens: 8000,
      top_p: 0.99,
      user: 'user-42',
      stream: true,
      stream_options: { include_usage: true },
    });

    const mapped = anthropicAdapter.mapChatRequest(request, target, mapOptions);

    expect(mapped.dropped).toEqual([]);
    expect(mapped.http.method).toBe('POST');
    expect(mapped.http.url).toBe('https://api.anthropic.com/v1/messages');
    expect(mapped.http.headers).toEqual({
      'x-api-key': 'sk-ant-test',
      'anthropic-version': '2023-06-01',
      'content-type': 'application/json',
    });
    const body: unknown = JSON.parse(mapped.http.body ?? '');
    expect(body).toEqual({
      model: 'claude-sonnet-4-5-20250929',
      max_tokens: 8000,
      system: [
        { type: 'text', text: 'You are terse.' },
        { type: 'text', text: 'Answer in JSON.' },
      ],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare these.' },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } },
            {
              type: 'image',
              source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' },
            },
            {
              type: 'document',
              source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' },
              title: 'report.pdf',
            },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Looking them up.' },
            { type: 'tool_use', id: 'toolu_01', name: 'lookup', input: { q: 'cat' } },
            { type: 'tool_use', id: 'toolu_02', name: 'lookup', input: { q: 'dog' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_01', content: '{"found":true}' },
            {
              type: 'tool_result',
              tool_use_id: 'toolu_02',
              content: [{ type: 'text', text: 'not found' }],
            },
            { type: 'text', text: 'Now summarise.' },
          ],
        },
      ],
      stop_sequences: ['END'],
      top_p: 0.99,
      metadata: { user_id: 'user-42' },
      stream: true,
      tools: [{ name: 'lookup', description: 'Search', input_schema: lookupSchema }],
      tool_choice: { type: 'auto', disable_parallel_tool_use: true },
      output_config: { format: { type: 'json_schema', schema: summarySchema } },
      thinking: { type: 'enabled', budget_tokens: 2400 },
    });
    expect(anthropicMessagesRequestSchema.safeParse(body).success).toBe(true);
  });
});

describe('anthropicAdapter.mapChatResponse (recorded responses)', () => {
  it('maps a recorded text response, its usage and served model', () => {
    vi.useFakeTimers({ now: new Date('2026-02-01T00:00:00Z') });
    try {
      const mapped = anthropicAdapter.mapChatResponse(
        readJsonFixture('anthropic-text.json'),
        target,
      );
      expect(mapped.body).toEqual({
        id: 'msg_01VdEjxAP5ahtHKrrRdNBteQ',
        object: 'chat.completion',
        created: 1769904000,
        model: 'claude-sonnet-4-5-20250929',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content:
                "Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can help you with?",
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 12,
          completion_tokens: 29,
          total_tokens: 41,
          prompt_tokens_details: { cached_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: 0 },
        },
      });
      expect(mapped.usage).toEqual({
        inputTokens: 12,
        outputTokens: 29,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
      });
      expect(mapped.servedModel).toBe('claude-sonnet-4-5-20250929');
    } finally {
      vi.useRealTimers();
    }
  });

  it('maps a recorded tool_use response to tool_calls with the JSON input as arguments', () => {
    const mapped = anthropicAdapter.mapChatResponse(
      readJsonFixture('anthropic-json-tool.1.json'),
      target,
    );
    const choice = mapped.body.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBeNull();
    expect(choice?.message.tool_calls).toEqual([
      {
        id: 'toolu_01Q9ExVZnzZj7E2QQYHYtNUa',
        type: 'function',
        function: {
          name: 'json',
          arguments: JSON.stringify({
            elements: [
              { location: 'San Francisco', temperature: -5, condition: 'snowy' },
              { location: 'London', temperature: 0, condition: 'snowy' },
              { location: 'Paris', temperature: 23, condition: 'cloudy' },
              { location: 'Berlin', temperature: -9, condition: 'snowy' },
            ],
          }),
        },
      },
    ]);
    expect(mapped.usage).toEqual({
      inputTokens: 1151,
      outputTokens: 87,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
    expect(mapped.servedModel).toBe('claude-haiku-4-5-20251001');
  });

  it('refuses a body that is not a Messages API message', () => {
    expect(() =>
      anthropicAdapter.mapChatResponse({ type: 'message', content: 'hi' }, target),
    ).toThrow(
      expect.objectContaining({ code: 'upstream_server_error', status: 502, fault: 'provider' }),
    );
  });
});

describe('anthropicAdapter.mapError', () => {
  it('is the Anthropic error mapper', () => {
    const error = anthropicAdapter.mapError(
      529,
      {},
      '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
    );
    expect(error).toMatchObject({
      code: 'upstream_overloaded',
      status: 503,
      message: 'Anthropic: Overloaded',
    });
  });
});
