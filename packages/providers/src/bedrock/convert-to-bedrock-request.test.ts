import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MapRequestOptions, UpstreamTarget } from '../spec/adapter.js';
import { chatCompletionRequestSchema, type ChatCompletionRequest } from '../spec/chat-request.js';
import { bedrockAdapter } from './bedrock-adapter.js';
import { createCanonicalRequest } from './sign-aws-request.js';

const target: UpstreamTarget = {
  provider: 'bedrock',
  baseUrl: '',
  apiKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
  region: 'us-west-2',
  options: { accessKeyId: 'AKIDEXAMPLE' },
};
const reject: MapRequestOptions = {
  unsupported: 'reject',
  now: new Date('2026-01-02T03:04:05.678Z'),
};
const drop: MapRequestOptions = { ...reject, unsupported: 'drop' };

const request = (body: Record<string, unknown>): ChatCompletionRequest =>
  chatCompletionRequestSchema.parse({ model: 'claude', ...body });
const bodyOf = (mapped: { http: { body?: string } }): unknown =>
  JSON.parse(mapped.http.body ?? 'null');
const user = (content: unknown) => ({ role: 'user', content });

describe('bedrockAdapter.mapChatRequest', () => {
  it('builds a SigV4-signed Converse call with the model id encoded in the path', () => {
    const mapped = bedrockAdapter.mapChatRequest(
      request({
        messages: [{ role: 'system', content: 'Answer briefly.' }, user('Hi')],
        max_tokens: 64,
      }),
      target,
      reject,
    );
    const body =
      '{"messages":[{"role":"user","content":[{"text":"Hi"}]}],"system":[{"text":"Answer briefly."}],"inferenceConfig":{"maxTokens":64}}';
    const url =
      'https://bedrock-runtime.us-west-2.amazonaws.com/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse';
    expect(mapped).toEqual({
      http: {
        method: 'POST',
        url,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'x-amz-date': '20260102T030405Z',
          authorization:
            'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/us-west-2/bedrock/aws4_request, SignedHeaders=accept;content-type;host;x-amz-date, Signature=f881331225a1c947b5951b54ce0da7e8a239ad0a312cb094a64cf47751ef2903',
        },
        body,
      },
      dropped: [],
    });
    // What was signed: the double-encoded path, the four headers and the body's hash. (The
    // signature above was also recomputed from this canonical request with Python's hmac.)
    const { canonicalRequest } = createCanonicalRequest(
      'POST',
      new URL(url),
      {
        accept: 'application/json',
        'content-type': 'application/json',
        host: 'bedrock-runtime.us-west-2.amazonaws.com',
        'x-amz-date': '20260102T030405Z',
      },
      body,
    );
    expect(canonicalRequest).toBe(
      [
        'POST',
        '/model/us.anthropic.claude-sonnet-4-5-20250929-v1%253A0/converse',
        '',
        'accept:application/json',
        'content-type:application/json',
        'host:bedrock-runtime.us-west-2.amazonaws.com',
        'x-amz-date:20260102T030405Z',
        '',
        'accept;content-type;host;x-amz-date',
        createHash('sha256').update(body).digest('hex'),
      ].join('\n'),
    );
  });

  it('streams via /converse-stream, signs the session token, and honours a custom base URL', () => {
    const mapped = bedrockAdapter.mapChatRequest(
      request({ messages: [user('Hi')], stream: true, stream_options: { include_usage: true } }),
      {
        ...target,
        baseUrl: 'https://vpce-123.bedrock-runtime.us-west-2.vpce.amazonaws.com/',
        options: { accessKeyId: 'ASIAEXAMPLE', sessionToken: 'session-token' },
      },
      reject,
    );
    expect(mapped.http.url).toBe(
      'https://vpce-123.bedrock-runtime.us-west-2.vpce.amazonaws.com/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse-stream',
    );
    expect(mapped.http.headers).toMatchObject({
      accept: 'application/vnd.amazon.eventstream',
      'x-amz-security-token': 'session-token',
    });
    expect(mapped.http.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE\/20260102\/us-west-2\/bedrock\/aws4_request, SignedHeaders=accept;content-type;host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
    );
  });

  it('sends a Bedrock API key as a bearer token when no access key id is configured', () => {
    const mapped = bedrockAdapter.mapChatRequest(
      request({ messages: [user('Hi')] }),
      { ...target, apiKey: 'bedrock-api-key', options: undefined },
      reject,
    );
    expect(mapped.http.headers).toEqual({
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: 'Bearer bedrock-api-key',
    });
  });

  it('refuses to sign without a region', () => {
    expect(() =>
      bedrockAdapter.mapChatRequest(
        request({ messages: [user('Hi')] }),
        { ...target, region: undefined },
        reject,
      ),
    ).toThrow(expect.objectContaining({ code: 'provider_misconfigured', fault: 'gateway' }));
  });

  it('converts a tool conversation into alternating turns with toolUse/toolResult blocks', () => {
    const mapped = bedrockAdapter.mapChatRequest(
      request({
        messages: [
          { role: 'developer', content: 'Use tools.' },
          user([
            { type: 'text', text: 'What is in these?' },
            { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AAQ' } },
            {
              type: 'file',
              file: {
                filename: 'Q3 report.v2.pdf',
                file_data: 'data:application/pdf;base64,JVBERi0=',
              },
            },
          ]),
          {
            role: 'assistant',
            content: 'Checking.',
            tool_calls: [
              {
                id: 'tooluse_1',
                type: 'function',
                function: { name: 'bash', arguments: '{"command":"ls -l"}' },
              },
              { id: 'tooluse_2', type: 'function', function: { name: 'date', arguments: '' } },
            ],
          },
          { role: 'tool', tool_call_id: 'tooluse_1', content: 'a.txt' },
          { role: 'tool', tool_call_id: 'tooluse_2', content: [{ type: 'text', text: 'Friday' }] },
          user('Thanks'),
        ],
        tools: [
          {
            type: 'function',
            function: {
              name: 'bash',
              description: 'Run a command',
              parameters: {
                type: 'object',
                properties: { command: { type: 'string' } },
                required: ['command'],
              },
              strict: true,
            },
          },
          { type: 'function', function: { name: 'date' } },
        ],
        tool_choice: 'required',
        temperature: 0.3,
        top_p: 0.8,
        stop: ['END'],
        max_completion_tokens: 500,
        n: 1,
        parallel_tool_calls: true,
      }),
      target,
      reject,
    );
    expect(bodyOf(mapped)).toEqual({
      messages: [
        {
          role: 'user',
          content: [
            { text: 'What is in these?' },
            { image: { format: 'jpeg', source: { bytes: '/9j/4AAQ' } } },
            { document: { format: 'pdf', name: 'Q3 report-v2', source: { bytes: 'JVBERi0=' } } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { text: 'Checking.' },
            { toolUse: { toolUseId: 'tooluse_1', name: 'bash', input: { command: 'ls -l' } } },
            { toolUse: { toolUseId: 'tooluse_2', name: 'date', input: {} } },
          ],
        },
        {
          role: 'user',
          content: [
            { toolResult: { toolUseId: 'tooluse_1', content: [{ text: 'a.txt' }] } },
            { toolResult: { toolUseId: 'tooluse_2', content: [{ text: 'Friday' }] } },
            { text: 'Thanks' },
          ],
        },
      ],
      system: [{ text: 'Use tools.' }],
      inferenceConfig: { maxTokens: 500, temperature: 0.3, topP: 0.8, stopSequences: ['END'] },
      toolConfig: {
        tools: [
          {
            toolSpec: {
              name: 'bash',
              description: 'Run a command',
              inputSchema: {
                json: {
                  type: 'object',
                  properties: { command: { type: 'string' } },
                  required: ['command'],
                },
              },
              strict: true,
            },
          },
          { toolSpec: { name: 'date', inputSchema: { json: { type: 'object', properties: {} } } } },
        ],
        toolChoice: { any: {} },
      },
    });
  });

  it.each([
    ['auto', { auto: {} }],
    [{ type: 'function', function: { name: 'f' } }, { tool: { name: 'f' } }],
  ])('maps tool_choice %j', (choice, toolChoice) => {
    const mapped = bedrockAdapter.mapChatRequest(
      request({
        messages: [user('x')],
        tools: [{ type: 'function', function: { name: 'f' } }],
        tool_choice: choice,
      }),
      target,
      reject,
    );
    expect(bodyOf(mapped)).toMatchObject({ toolConfig: { toolChoice } });
  });

  it("expresses tool_choice 'none' by sending no tools, unless the history holds tool calls", () => {
    const tools = [{ type: 'function', function: { name: 'f' } }];
    const plain = bedrockAdapter.mapChatRequest(
      request({ messages: [user('x')], tools, tool_choice: 'none' }),
      target,
      reject,
    );
    expect(bodyOf(plain)).toEqual({ messages: [{ role: 'user', content: [{ text: 'x' }] }] });

    const withHistory = request({
      messages: [
        user('x'),
        {
          role: 'assistant',
          tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 't', content: 'ok' },
      ],
      tools,
      tool_choice: 'none',
    });
    expect(() => bedrockAdapter.mapChatRequest(withHistory, target, reject)).toThrow(
      expect.objectContaining({ code: 'unsupported_parameter', param: 'tool_choice' }),
    );
    const dropped = bedrockAdapter.mapChatRequest(withHistory, target, drop);
    expect(dropped.dropped).toEqual(['tool_choice']);
    expect(bodyOf(dropped)).toMatchObject({ toolConfig: { tools: [{ toolSpec: { name: 'f' } }] } });
  });

  it('sends json_schema as outputConfig.textFormat and refuses json_object, which has no schema', () => {
    const schema = {
      type: 'object',
      properties: { answer: { type: 'string' } },
      additionalProperties: false,
    };
    const mapped = bedrockAdapter.mapChatRequest(
      request({
        messages: [user('x')],
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'answer', description: 'The answer', schema },
        },
      }),
      target,
      reject,
    );
    expect(bodyOf(mapped)).toMatchObject({
      outputConfig: {
        textFormat: {
          type: 'json_schema',
          structure: {
            jsonSchema: {
              schema: JSON.stringify(schema),
              name: 'answer',
              description: 'The answer',
            },
          },
        },
      },
    });
    const jsonObject = request({ messages: [user('x')], response_format: { type: 'json_object' } });
    expect(() => bedrockAdapter.mapChatRequest(jsonObject, target, reject)).toThrow(
      expect.objectContaining({ param: 'response_format' }),
    );
    expect(bedrockAdapter.mapChatRequest(jsonObject, target, drop).dropped).toEqual([
      'response_format',
    ]);
  });

  it('refuses unsupported parameters by name, or drops and reports them when policy allows', () => {
    const body = request({
      messages: [user('x')],
      seed: 1,
      n: 2,
      presence_penalty: 0,
      frequency_penalty: 0.5,
      logprobs: false,
      reasoning_effort: 'high',
      user: 'u',
    });
    expect(() => bedrockAdapter.mapChatRequest(body, target, reject)).toThrow(
      expect.objectContaining({ code: 'unsupported_parameter', param: 'n', status: 400 }),
    );
    const mapped = bedrockAdapter.mapChatRequest(body, target, drop);
    expect(mapped.dropped).toEqual(['n', 'frequency_penalty', 'seed', 'user', 'reasoning_effort']);
    expect(bodyOf(mapped)).toEqual({ messages: [{ role: 'user', content: [{ text: 'x' }] }] });
  });

  it('refuses image URLs by name, or drops them when the policy allows', () => {
    const link = [
      { type: 'text', text: 'what is this?' },
      { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
    ];
    const param = 'messages[0].content[1].image_url.url';
    expect(() =>
      bedrockAdapter.mapChatRequest(request({ messages: [user(link)] }), target, reject),
    ).toThrow(expect.objectContaining({ code: 'unsupported_parameter', param }));
    const mapped = bedrockAdapter.mapChatRequest(request({ messages: [user(link)] }), target, drop);
    expect(mapped.dropped).toEqual([param]);
    expect(bodyOf(mapped)).toMatchObject({
      messages: [{ role: 'user', content: [{ text: 'what is this?' }] }],
    });
  });

  it('refuses audio and unknown image types by name', () => {
    const expectParam = (content: unknown, param: string) =>
      expect(() =>
        bedrockAdapter.mapChatRequest(request({ messages: [user(content)] }), target, drop),
      ).toThrow(expect.objectContaining({ code: 'invalid_request', param }));
    expectParam(
      [{ type: 'image_url', image_url: { url: 'data:image/tiff;base64,AAAA' } }],
      'messages[0].content[0].image_url.url',
    );
    expectParam(
      [{ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }],
      'messages[0].content[0].input_audio',
    );
  });
});
