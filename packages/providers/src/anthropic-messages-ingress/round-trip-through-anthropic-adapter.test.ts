import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
// Test-only cross-folder import: the round trip Anthropic → canonical → Anthropic is the
// strongest check that the ingress and the adapter are exact inverses.
import { anthropicAdapter } from '../anthropic/anthropic-adapter.js';
import type { UpstreamTarget } from '../spec/adapter.js';
import type { ChatCompletionChunk } from '../spec/chat-response.js';
import {
  parseAnthropicIngressRequest,
  type AnthropicOutputEvent,
} from './anthropic-ingress-api.js';
import { convertAnthropicRequestToCanonical } from './convert-anthropic-request-to-canonical.js';
import { convertCanonicalResponseToAnthropic } from './convert-canonical-response-to-anthropic.js';
import {
  CanonicalStreamToAnthropic,
  formatAnthropicSseEvent,
} from './convert-canonical-stream-to-anthropic.js';
import { readFileSync } from 'node:fs';

const target: UpstreamTarget = {
  provider: 'anthropic',
  baseUrl: 'https://api.anthropic.com',
  apiKey: 'sk-ant-test',
  model: 'claude-sonnet-4-5',
};
const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const fixtureLines = (name: string) =>
  fixture(name)
    .split('\n')
    .filter((line) => line.trim() !== '');

function throughGateway(anthropicRequest: Record<string, unknown>): unknown {
  const canonical = convertAnthropicRequestToCanonical(
    parseAnthropicIngressRequest(anthropicRequest),
  );
  const mapped = anthropicAdapter.mapChatRequest(canonical, target, {
    unsupported: 'reject',
    now: new Date(0),
  });
  return JSON.parse(mapped.http.body ?? '');
}

describe('Anthropic request → canonical → Anthropic adapter', () => {
  it('gives back the same upstream request for a Claude Code style conversation', () => {
    const request = {
      model: 'claude-sonnet-4-5',
      max_tokens: 32000,
      system: [
        { type: 'text', text: 'You are Claude Code.' },
        { type: 'text', text: 'Project rules.', cache_control: { type: 'ephemeral' } },
      ],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look.' },
            {
              type: 'image',
              source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' },
            },
            { type: 'image', source: { type: 'url', url: 'https://example.com/d.png' } },
            {
              type: 'document',
              source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' },
              title: 'spec.pdf',
            },
            {
              type: 'document',
              source: { type: 'text', media_type: 'text/plain', data: 'notes ünïcode' },
            },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Reading.' },
            { type: 'tool_use', id: 'toolu_A', name: 'Read', input: { file_path: '/a.ts' } },
            { type: 'tool_use', id: 'toolu_B', name: 'Read', input: { file_path: '/b.ts' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_A', content: 'const a = 1;' },
            {
              type: 'tool_result',
              tool_use_id: 'toolu_B',
              content: [{ type: 'text', text: 'ENOENT' }],
              is_error: true,
            },
            { type: 'text', text: 'Continue.', cache_control: { type: 'ephemeral', ttl: '1h' } },
          ],
        },
      ],
      tools: [
        {
          name: 'Read',
          description: 'Read a file',
          input_schema: { type: 'object', properties: { file_path: { type: 'string' } } },
          cache_control: { type: 'ephemeral' },
        },
      ],
      tool_choice: { type: 'auto', disable_parallel_tool_use: true },
      thinking: { type: 'enabled', budget_tokens: 9600 },
      stop_sequences: ['</done>'],
      metadata: { user_id: 'user_abc' },
      stream: true,
    };
    expect(throughGateway(request)).toEqual(request);
  });

  it('gives back the same upstream request for string content and the remaining fields', () => {
    const request = {
      model: 'claude-sonnet-4-5',
      max_tokens: 512,
      system: 'Be brief.',
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello.' },
        { role: 'user', content: 'Weather in Oslo as JSON?' },
      ],
      temperature: 0.2,
      top_p: 0.99,
      top_k: 20,
      tools: [{ name: 'weather', input_schema: { type: 'object', properties: {} }, strict: true }],
      tool_choice: { type: 'tool', name: 'weather' },
      output_config: {
        format: { type: 'json_schema', schema: { type: 'object', additionalProperties: false } },
      },
      service_tier: 'standard_only',
    };
    expect(throughGateway(request)).toEqual(request);
  });

  it("lets the target's parameter gate refuse or drop Anthropic-only extensions", () => {
    const request = {
      model: 'm',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'Hi' }],
      container: 'c_1',
    };
    const canonical = convertAnthropicRequestToCanonical(parseAnthropicIngressRequest(request));
    expect(() =>
      anthropicAdapter.mapChatRequest(canonical, target, {
        unsupported: 'reject',
        now: new Date(0),
      }),
    ).toThrow(expect.objectContaining({ code: 'unsupported_parameter', param: 'container' }));
    const dropped = anthropicAdapter.mapChatRequest(canonical, target, {
      unsupported: 'drop',
      now: new Date(0),
    });
    expect(dropped.dropped).toEqual(['container']);
  });
});

describe('recorded Anthropic answers → canonical → Anthropic answers', () => {
  it('keeps the recorded message, its stop reason and usage', () => {
    const recorded = JSON.parse(fixture('anthropic-text.json')) as Record<string, unknown>;
    const canonical = anthropicAdapter.mapChatResponse(recorded, target).body;
    expect(convertCanonicalResponseToAnthropic(canonical)).toEqual({
      id: 'msg_01VdEjxAP5ahtHKrrRdNBteQ',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5-20250929',
      content: recorded.content,
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: 12,
        output_tokens: 29,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      },
    });
  });

  function replay(name: string): AnthropicOutputEvent[] {
    const upstream = anthropicAdapter.createChatStreamConverter(target, {
      responseId: 'chatcmpl-x',
      created: 1,
    });
    const sse = fixtureLines(name)
      .map((line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`)
      .join('');
    const chunks: ChatCompletionChunk[] = [
      ...upstream.push(new TextEncoder().encode(sse)),
      ...upstream.finish(),
    ];
    const ingress = new CanonicalStreamToAnthropic();
    return [...chunks.flatMap((chunk) => ingress.push(chunk)), ...ingress.finish()];
  }

  it('re-emits the recorded tool stream as the same events, minus pings and empty fragments', () => {
    const usage = {
      input_tokens: 0,
      output_tokens: 0,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    };
    expect(replay('anthropic-json-tool.1.chunks.txt')).toEqual([
      {
        type: 'message_start',
        message: {
          id: 'msg_01K2JbSUMYhez5RHoK9ZCj9U',
          type: 'message',
          role: 'assistant',
          model: 'claude-haiku-4-5-20251001',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage,
        },
      },
      {
        type: 'content_block_start',
        index: 0,
        content_block: {
          type: 'tool_use',
          id: 'toolu_01KFbKqPYSuAKujiL6mTfzYA',
          name: 'json',
          input: {},
        },
      },
      {
        type: 'content_block_delta',
        index: 0,
        delta: {
          type: 'input_json_delta',
          partial_json:
            '{"elements": [{"location": "San Francisco", "temperature": 58, "condition": "sunny"}]',
        },
      },
      {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'input_json_delta', partial_json: '}' },
      },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'tool_use', stop_sequence: null },
        usage: { ...usage, input_tokens: 849, output_tokens: 47 },
      },
      { type: 'message_stop' },
    ]);
  });

  it('is assembled by the Anthropic SDK into the recorded message', async () => {
    const events = replay('anthropic-text.chunks.txt');
    const client = new Anthropic({
      apiKey: 'sk-gateway',
      baseURL: 'http://gateway.test',
      maxRetries: 0,
      fetch: async () =>
        new Response(events.map(formatAnthropicSseEvent).join(''), {
          headers: { 'content-type': 'text/event-stream' },
        }),
    });
    const stream = client.messages.stream({
      model: 'gateway-model',
      max_tokens: 100,
      messages: [],
    });
    const message = await stream.finalMessage();
    expect(message).toMatchObject({
      id: 'msg_01QC4g3HwBThD4BaNtBckFDJ',
      model: 'claude-sonnet-4-5-20250929',
      content: [
        {
          type: 'text',
          text: "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?",
        },
      ],
      stop_reason: 'end_turn',
      usage: { input_tokens: 12, output_tokens: 30 },
    });
  });
});
