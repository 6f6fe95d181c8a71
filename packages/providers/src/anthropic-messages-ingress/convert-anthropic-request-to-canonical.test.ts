import { describe, expect, it } from 'vitest';
import { parseAnthropicIngressRequest } from './anthropic-ingress-api.js';
import { convertAnthropicRequestToCanonical } from './convert-anthropic-request-to-canonical.js';

const convert = (body: Record<string, unknown>) =>
  convertAnthropicRequestToCanonical(
    parseAnthropicIngressRequest({
      model: 'claude-sonnet-4-5',
      max_tokens: 1000,
      messages: [{ role: 'user', content: 'Hi' }],
      ...body,
    }),
  );

const readSchema = {
  type: 'object',
  properties: { file_path: { type: 'string' } },
  required: ['file_path'],
};

describe('convertAnthropicRequestToCanonical', () => {
  it('translates a Claude Code style request faithfully', () => {
    const canonical = convert({
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
            { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'notes' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Two files.', signature: 'EqQB' },
            { type: 'redacted_thinking', data: 'opaque' },
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
            { type: 'text', text: 'Continue.', cache_control: { type: 'ephemeral' } },
          ],
        },
      ],
      tools: [
        {
          name: 'Read',
          description: 'Read a file',
          input_schema: readSchema,
          cache_control: { type: 'ephemeral' },
        },
      ],
      tool_choice: { type: 'auto', disable_parallel_tool_use: true },
      thinking: { type: 'enabled', budget_tokens: 9600 },
      stop_sequences: ['</done>'],
      metadata: { user_id: 'user_abc' },
      stream: true,
    });

    expect(canonical).toEqual({
      model: 'claude-sonnet-4-5',
      max_completion_tokens: 32000,
      messages: [
        {
          role: 'system',
          content: [
            { type: 'text', text: 'You are Claude Code.' },
            { type: 'text', text: 'Project rules.', cache_control: { type: 'ephemeral' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look.' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            { type: 'image_url', image_url: { url: 'https://example.com/d.png' } },
            {
              type: 'file',
              file: { filename: 'spec.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' },
            },
            {
              type: 'file',
              file: {
                file_data: `data:text/plain;base64,${Buffer.from('notes').toString('base64')}`,
              },
            },
          ],
        },
        {
          role: 'assistant',
          content: [{ type: 'text', text: 'Reading.' }],
          reasoning_content: 'Two files.',
          tool_calls: [
            {
              id: 'toolu_A',
              type: 'function',
              function: { name: 'Read', arguments: '{"file_path":"/a.ts"}' },
            },
            {
              id: 'toolu_B',
              type: 'function',
              function: { name: 'Read', arguments: '{"file_path":"/b.ts"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_A', content: 'const a = 1;' },
        {
          role: 'tool',
          tool_call_id: 'toolu_B',
          content: [{ type: 'text', text: 'ENOENT' }],
          is_error: true,
        },
        {
          role: 'user',
          content: [{ type: 'text', text: 'Continue.', cache_control: { type: 'ephemeral' } }],
        },
      ],
      tools: [
        {
          type: 'function',
          function: { name: 'Read', description: 'Read a file', parameters: readSchema },
          cache_control: { type: 'ephemeral' },
        },
      ],
      tool_choice: 'auto',
      parallel_tool_calls: false,
      reasoning_effort: 'medium',
      stop: ['</done>'],
      user: 'user_abc',
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('maps the remaining scalar fields and keeps unknown ones as extensions', () => {
    expect(
      convert({
        temperature: 0.3,
        top_p: 0.9,
        top_k: 20,
        service_tier: 'standard_only',
        tool_choice: { type: 'any' },
        output_config: { format: { type: 'json_schema', schema: { type: 'object' } } },
        container: 'container_1',
      }),
    ).toMatchObject({
      temperature: 0.3,
      top_p: 0.9,
      top_k: 20,
      service_tier: 'default',
      tool_choice: 'required',
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'output', schema: { type: 'object' }, strict: true },
      },
      container: 'container_1',
    });
    expect(convert({ tool_choice: { type: 'tool', name: 'Read' } }).tool_choice).toEqual({
      type: 'function',
      function: { name: 'Read' },
    });
    expect(convert({ tool_choice: { type: 'none' } }).tool_choice).toBe('none');
  });

  it.each([
    [{ type: 'enabled', budget_tokens: 1024 }, 10_000, 'low'],
    [{ type: 'enabled', budget_tokens: 3000 }, 10_000, 'medium'],
    [{ type: 'enabled', budget_tokens: 6000 }, 10_000, 'high'],
    [{ type: 'enabled', budget_tokens: 8000 }, 10_000, 'xhigh'],
    [{ type: 'enabled', budget_tokens: 31999 }, 32_000, 'max'],
    [{ type: 'adaptive' }, 10_000, 'high'],
    [{ type: 'disabled' }, 10_000, undefined],
  ])('thinking %j with max_tokens %i → reasoning_effort %s', (thinking, maxTokens, effort) => {
    expect(convert({ thinking, max_tokens: maxTokens }).reasoning_effort).toBe(effort);
  });

  it('prefers output_config.effort over the thinking budget', () => {
    const canonical = convert({ thinking: { type: 'adaptive' }, output_config: { effort: 'low' } });
    expect(canonical.reasoning_effort).toBe('low');
  });

  it.each([
    [{ tools: [{ type: 'web_search_20250305', name: 'web_search' }] }, 'tools.0.type'],
    [{ tools: [{ name: 'Read' }] }, 'tools.0.input_schema'],
    [
      { tools: [{ name: 'x'.repeat(65), input_schema: { type: 'object' } }] },
      'tools.0.function.name',
    ],
    [{ stop_sequences: ['a', 'b', 'c', 'd', 'e'] }, 'stop_sequences'],
    [
      {
        messages: [
          {
            role: 'user',
            content: [{ type: 'image', source: { type: 'file', file_id: 'file_1' } }],
          },
        ],
      },
      'messages.0.content.0.source',
    ],
    [
      {
        messages: [
          {
            role: 'user',
            content: [{ type: 'document', source: { type: 'url', url: 'https://x/y.pdf' } }],
          },
        ],
      },
      'messages.0.content.0.source',
    ],
    [
      {
        messages: [
          {
            role: 'user',
            content: [
              {
                type: 'document',
                source: { type: 'text', media_type: 'text/plain', data: 'x' },
                citations: { enabled: true },
              },
            ],
          },
        ],
      },
      'messages.0.content.0.citations',
    ],
    [
      {
        messages: [
          { role: 'user', content: [{ type: 'tool_use', id: 't', name: 'n', input: {} }] },
        ],
      },
      'messages.0.content.0.type',
    ],
    [
      { messages: [{ role: 'assistant', content: [{ type: 'tool_result', tool_use_id: 't' }] }] },
      'messages.0.content.0.type',
    ],
  ])('refuses what has no canonical form: %j', (body, param) => {
    expect(() => convert(body)).toThrow(expect.objectContaining({ status: 400, param }));
  });
});
