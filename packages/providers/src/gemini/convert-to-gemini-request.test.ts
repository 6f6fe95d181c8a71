import { describe, expect, it } from 'vitest';
import type { MapRequestOptions, UpstreamTarget } from '../spec/adapter.js';
import { chatCompletionRequestSchema, type ChatCompletionRequest } from '../spec/chat-request.js';
import { geminiAdapter } from './gemini-adapter.js';

const target: UpstreamTarget = {
  provider: 'gemini',
  baseUrl: 'https://generativelanguage.googleapis.com',
  apiKey: 'gemini-test-key',
  model: 'gemini-3-pro-preview',
};
const reject: MapRequestOptions = { unsupported: 'reject', now: new Date('2026-01-02T03:04:05Z') };
const drop: MapRequestOptions = { ...reject, unsupported: 'drop' };

const request = (body: Record<string, unknown>): ChatCompletionRequest =>
  chatCompletionRequestSchema.parse({ model: 'gemini-3-pro-preview', ...body });
const bodyOf = (mapped: { http: { body?: string } }): unknown =>
  JSON.parse(mapped.http.body ?? 'null');
const user = (content: unknown) => ({ role: 'user', content });

describe('geminiAdapter.mapChatRequest', () => {
  it('builds the generateContent call with the key in x-goog-api-key, never in the URL', () => {
    const mapped = geminiAdapter.mapChatRequest(
      request({ messages: [user('Hi')] }),
      target,
      reject,
    );
    expect(mapped).toEqual({
      http: {
        method: 'POST',
        url: 'https://generativelanguage.googleapis.com/v1beta/models/gemini-3-pro-preview:generateContent',
        headers: { 'content-type': 'application/json', 'x-goog-api-key': 'gemini-test-key' },
        body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] }),
      },
      dropped: [],
    });
  });

  it('streams through :streamGenerateContent?alt=sse and tolerates a base URL ending in /v1beta', () => {
    const mapped = geminiAdapter.mapChatRequest(
      request({ messages: [user('Hi')], stream: true, stream_options: { include_usage: true } }),
      { ...target, baseUrl: 'https://proxy.example/v1beta/' },
      reject,
    );
    expect(mapped.http.url).toBe(
      'https://proxy.example/v1beta/models/gemini-3-pro-preview:streamGenerateContent?alt=sse',
    );
  });

  it('converts a full tool conversation: system hoisting, media parts, calls, grouped results', () => {
    const mapped = geminiAdapter.mapChatRequest(
      request({
        messages: [
          { role: 'system', content: 'Answer briefly.' },
          { role: 'developer', content: [{ type: 'text', text: 'Use tools.' }] },
          user([
            { type: 'text', text: 'Weather here?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            { type: 'image_url', image_url: { url: 'https://example.com/photo.JPG?size=large' } },
            {
              type: 'file',
              file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' },
            },
            { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
          ]),
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: 'call_a',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
              },
              { id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '' } },
            ],
          },
          { role: 'tool', tool_call_id: 'call_b', content: '12:00' },
          {
            role: 'tool',
            tool_call_id: 'call_a',
            content: [{ type: 'text', text: '{"temp_c":4}' }],
          },
          { role: 'assistant', content: 'It is 4°C.' },
        ],
        tools: [
          {
            type: 'function',
            function: {
              name: 'get_weather',
              description: 'Current weather',
              parameters: {
                $schema: 'http://json-schema.org/draft-07/schema#',
                type: 'object',
                properties: { city: { type: 'string' }, $schema: { type: 'string' } },
                required: ['city'],
                additionalProperties: false,
              },
            },
          },
          { type: 'function', function: { name: 'get_time' } },
        ],
        tool_choice: { type: 'function', function: { name: 'get_weather' } },
        parallel_tool_calls: true,
        store: false,
      }),
      target,
      reject,
    );
    expect(bodyOf(mapped)).toEqual({
      systemInstruction: { parts: [{ text: 'Answer briefly.' }, { text: 'Use tools.' }] },
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'Weather here?' },
            { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
            {
              fileData: {
                mimeType: 'image/jpeg',
                fileUri: 'https://example.com/photo.JPG?size=large',
              },
            },
            { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0=' } },
            { inlineData: { mimeType: 'audio/wav', data: 'UklGRg==' } },
          ],
        },
        {
          role: 'model',
          parts: [
            {
              functionCall: { name: 'get_weather', args: { city: 'Oslo' } },
              thoughtSignature: 'skip_thought_signature_validator',
            },
            { functionCall: { name: 'get_time', args: {} } },
          ],
        },
        {
          role: 'user',
          parts: [
            {
              functionResponse: {
                name: 'get_time',
                response: { name: 'get_time', content: '12:00' },
              },
            },
            {
              functionResponse: {
                name: 'get_weather',
                response: { name: 'get_weather', content: '{"temp_c":4}' },
              },
            },
          ],
        },
        { role: 'model', parts: [{ text: 'It is 4°C.' }] },
      ],
      tools: [
        {
          functionDeclarations: [
            {
              name: 'get_weather',
              description: 'Current weather',
              parametersJsonSchema: {
                type: 'object',
                properties: { city: { type: 'string' }, $schema: { type: 'string' } },
                required: ['city'],
                additionalProperties: false,
              },
            },
            { name: 'get_time' },
          ],
        },
      ],
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] } },
    });
    expect(mapped.dropped).toEqual([]);
  });

  it.each([
    ['auto', { mode: 'AUTO' }],
    ['none', { mode: 'NONE' }],
    ['required', { mode: 'ANY' }],
  ])('maps tool_choice %s', (choice, config) => {
    const mapped = geminiAdapter.mapChatRequest(
      request({
        messages: [user('x')],
        tools: [{ type: 'function', function: { name: 'f' } }],
        tool_choice: choice,
      }),
      target,
      reject,
    );
    expect(bodyOf(mapped)).toMatchObject({ toolConfig: { functionCallingConfig: config } });
  });

  it('maps sampling, output and structured-output parameters into generationConfig', () => {
    const mapped = geminiAdapter.mapChatRequest(
      request({
        messages: [user('x')],
        temperature: 0.2,
        top_p: 0.9,
        n: 2,
        max_tokens: 50,
        max_completion_tokens: 100,
        stop: 'END',
        presence_penalty: 0.5,
        frequency_penalty: -0.5,
        seed: 7,
        logprobs: true,
        top_logprobs: 3,
        reasoning_effort: 'low',
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: 'answer',
            strict: true,
            schema: { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' },
          },
        },
      }),
      target,
      reject,
    );
    expect(bodyOf(mapped)).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'x' }] }],
      generationConfig: {
        temperature: 0.2,
        topP: 0.9,
        candidateCount: 2,
        maxOutputTokens: 100,
        stopSequences: ['END'],
        presencePenalty: 0.5,
        frequencyPenalty: -0.5,
        seed: 7,
        responseLogprobs: true,
        logprobs: 3,
        responseMimeType: 'application/json',
        responseJsonSchema: { type: 'object' },
        thinkingConfig: { thinkingLevel: 'LOW' },
      },
    });
  });

  it('sends json_object as responseMimeType only', () => {
    const mapped = geminiAdapter.mapChatRequest(
      request({ messages: [user('x')], response_format: { type: 'json_object' } }),
      target,
      reject,
    );
    expect(bodyOf(mapped)).toMatchObject({
      generationConfig: { responseMimeType: 'application/json' },
    });
  });

  it('uses thinkingBudget for Gemini 2.5 with the budgets of Google’s OpenAI endpoint', () => {
    const flash = { ...target, model: 'gemini-2.5-flash' };
    const budgetFor = (effort: string) =>
      bodyOf(
        geminiAdapter.mapChatRequest(
          request({ messages: [user('x')], reasoning_effort: effort }),
          flash,
          reject,
        ),
      );
    expect(budgetFor('none')).toMatchObject({
      generationConfig: { thinkingConfig: { thinkingBudget: 0 } },
    });
    expect(budgetFor('medium')).toMatchObject({
      generationConfig: { thinkingConfig: { thinkingBudget: 8192 } },
    });
    expect(() => budgetFor('minimal')).toThrow(/reasoning_effort/);
  });

  it('refuses reasoning efforts Gemini 3 has no level for instead of rounding them', () => {
    const body = request({ messages: [user('x')], reasoning_effort: 'xhigh' });
    expect(() => geminiAdapter.mapChatRequest(body, target, reject)).toThrow(
      expect.objectContaining({
        code: 'unsupported_parameter',
        param: 'reasoning_effort',
        status: 400,
      }),
    );
    const dropped = geminiAdapter.mapChatRequest(body, target, drop);
    expect(dropped.dropped).toEqual(['reasoning_effort']);
    expect(bodyOf(dropped)).toEqual({ contents: [{ role: 'user', parts: [{ text: 'x' }] }] });
  });

  it('refuses unsupported parameters by name, or drops and reports them when policy allows', () => {
    const body = request({
      messages: [{ role: 'user', content: 'x', name: 'alice' }],
      logit_bias: { '50256': -100 },
      user: 'u-1',
      parallel_tool_calls: false,
      tools: [{ type: 'function', function: { name: 'f', strict: true } }],
    });
    expect(() => geminiAdapter.mapChatRequest(body, target, reject)).toThrow(
      expect.objectContaining({ code: 'unsupported_parameter', param: 'logit_bias' }),
    );
    const mapped = geminiAdapter.mapChatRequest(body, target, drop);
    expect(mapped.dropped).toEqual([
      'logit_bias',
      'user',
      'parallel_tool_calls',
      'messages[].name',
      'tools[].function.strict',
    ]);
    expect(bodyOf(mapped)).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'x' }] }],
      tools: [{ functionDeclarations: [{ name: 'f' }] }],
    });
  });

  it("falls back to Google's endpoint when the target has no base URL", () => {
    const mapped = geminiAdapter.mapChatRequest(
      request({ messages: [user('Hi')] }),
      { ...target, baseUrl: '' },
      reject,
    );
    expect(mapped.http.url).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-3-pro-preview:generateContent',
    );
  });

  it('rejects what cannot be expressed, naming the offending field', () => {
    const expectParam = (body: Record<string, unknown>, param: string) =>
      expect(() => geminiAdapter.mapChatRequest(request(body), target, drop)).toThrow(
        expect.objectContaining({ code: 'invalid_request', param }),
      );
    expectParam(
      { messages: [{ role: 'tool', tool_call_id: 'nope', content: 'x' }] },
      'messages[0].tool_call_id',
    );
    expectParam(
      {
        messages: [
          {
            role: 'assistant',
            tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{' } }],
          },
        ],
      },
      'messages[0].tool_calls[0].function.arguments',
    );
    expectParam(
      {
        messages: [user([{ type: 'image_url', image_url: { url: 'https://example.com/image' } }])],
      },
      'messages[0].content[0].image_url.url',
    );
    expectParam(
      { messages: [user([{ type: 'file', file: { file_id: 'file-123' } }])] },
      'messages[0].content[0].file.file_id',
    );
  });
});
