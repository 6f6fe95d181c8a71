import { UpstreamError } from '@switchyard/errors';
import { describe, expect, it } from 'vitest';
import type { MapRequestOptions, ProviderAdapter, UpstreamTarget } from '../../spec/adapter.js';
import type { ChatCompletionRequest } from '../../spec/chat-request.js';
import { feedInSlices, frameSse, thrownBy } from './replay-sse.js';

const reject: MapRequestOptions = { unsupported: 'reject', now: new Date('2026-01-01T00:00:00Z') };
const drop: MapRequestOptions = { ...reject, unsupported: 'drop' };
const hello: ChatCompletionRequest = {
  model: 'alias',
  messages: [{ role: 'user', content: 'Hi' }],
};

/** A minimal OpenAI-format transcript every member of the family must understand. */
const transcript = [
  '{"id":"c1","object":"chat.completion.chunk","created":7,"model":"m-1","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}',
  '{"id":"c1","object":"chat.completion.chunk","created":7,"model":"m-1","choices":[{"index":0,"delta":{"content":"Hé!"},"finish_reason":null}]}',
  '{"id":"c1","object":"chat.completion.chunk","created":7,"model":"m-1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}',
  '{"id":"c1","object":"chat.completion.chunk","created":7,"model":"m-1","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}',
];

/**
 * The shared contract every OpenAI-family adapter passes. What a provider cannot do is read from
 * its declared capabilities, so the data and the behaviour cannot drift apart.
 */
export function runOpenAiCompatibleContractSuite(
  adapter: ProviderAdapter,
  target: UpstreamTarget,
): void {
  const mapped = () => adapter.mapChatRequest(hello, target, reject);
  const body = (request: ChatCompletionRequest, options = reject) =>
    JSON.parse(adapter.mapChatRequest(request, target, options).http.body ?? '{}') as Record<
      string,
      unknown
    >;

  describe(`${adapter.id} adapter contract`, () => {
    it('posts JSON to the chat endpoint under the base URL, with the credential', () => {
      const { http, dropped } = mapped();
      expect(http.method).toBe('POST');
      expect(http.url.startsWith(target.baseUrl)).toBe(true);
      expect(http.url).toContain('/chat/completions');
      expect(http.headers['content-type']).toBe('application/json');
      expect(http.headers['authorization'] ?? http.headers['api-key']).toContain(target.apiKey);
      expect(body(hello)).toMatchObject({ messages: [{ role: 'user', content: 'Hi' }] });
      expect(dropped).toEqual([]);
    });

    it('refuses an unknown parameter by name, or drops and reports it', () => {
      const request = { ...hello, frobnicate: true };
      expect(thrownBy(() => adapter.mapChatRequest(request, target, reject))).toMatchObject({
        status: 400,
        code: 'unsupported_parameter',
        param: 'frobnicate',
      });
      const result = adapter.mapChatRequest(request, target, drop);
      expect(result.dropped).toEqual(['frobnicate']);
      expect(JSON.parse(result.http.body ?? '{}')).not.toHaveProperty('frobnicate');
    });

    const unsupportedByCapability: [
      keyof ProviderAdapter['capabilities'],
      Partial<ChatCompletionRequest>,
      string,
    ][] = [
      ['seed', { seed: 1 }, 'seed'],
      ['logprobs', { logprobs: true }, 'logprobs'],
      ['n', { n: 2 }, 'n'],
      ['reasoningEffort', { reasoning_effort: 'low' }, 'reasoning_effort'],
      [
        'jsonSchema',
        { response_format: { type: 'json_schema', json_schema: { name: 'x' } } },
        'response_format',
      ],
    ];
    for (const [capability, fields, param] of unsupportedByCapability) {
      it(`${adapter.capabilities[capability] ? 'forwards' : 'refuses'} ${param} as its ${capability} capability says`, () => {
        const request = { ...hello, ...fields };
        if (adapter.capabilities[capability]) {
          expect(adapter.mapChatRequest(request, target, reject).dropped).toEqual([]);
        } else {
          expect(thrownBy(() => adapter.mapChatRequest(request, target, reject))).toMatchObject({
            param,
          });
        }
      });
    }

    it('handles image links as its vision capabilities say', () => {
      const request: ChatCompletionRequest = {
        ...hello,
        messages: [
          { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }] },
        ],
      };
      const accepted = adapter.capabilities.vision && adapter.capabilities.imageUrls;
      const result = adapter.mapChatRequest(request, target, drop);
      expect(result.dropped.length === 0).toBe(accepted);
    });

    it('offers embeddings and completions exactly when its capabilities say so', () => {
      expect(typeof adapter.mapEmbeddingsRequest === 'function').toBe(
        adapter.capabilities.embeddings,
      );
      expect(typeof adapter.mapEmbeddingsResponse === 'function').toBe(
        adapter.capabilities.embeddings,
      );
      expect(typeof adapter.mapCompletionsRequest === 'function').toBe(
        adapter.capabilities.completions,
      );
    });

    it('streams text, then one usage chunk with empty choices, whatever the byte split', () => {
      const bytes = frameSse(transcript);
      const whole = adapter.createChatStreamConverter(target, {
        responseId: 'fallback',
        created: 1,
      });
      const wholeChunks = feedInSlices(whole, bytes, bytes.length);
      const sliced = adapter.createChatStreamConverter(target, {
        responseId: 'fallback',
        created: 1,
      });
      expect(feedInSlices(sliced, bytes, 7)).toEqual(wholeChunks);
      expect(wholeChunks.map((chunk) => chunk.choices[0]?.delta.content)).toEqual([
        '',
        'Hé!',
        undefined,
        undefined,
      ]);
      expect(wholeChunks.at(-1)).toMatchObject({
        id: 'c1',
        choices: [],
        usage: { prompt_tokens: 5, completion_tokens: 2 },
      });
      expect(whole.usage).toMatchObject({ inputTokens: 5, outputTokens: 2 });
      expect(whole.servedModel).toBe('m-1');
    });

    it('reports a stream cut before its end as truncated, never as a clean end', () => {
      const converter = adapter.createChatStreamConverter(target, { responseId: 'r', created: 1 });
      converter.push(frameSse(transcript.slice(0, 2), { done: false }));
      expect(thrownBy(() => converter.finish())).toMatchObject({
        code: 'upstream_stream_truncated',
        status: 502,
        retryable: true,
      });
    });

    it('throws the provider error sent inside the stream', () => {
      const converter = adapter.createChatStreamConverter(target, { responseId: 'r', created: 1 });
      const error = thrownBy(() =>
        converter.push(
          frameSse(['{"error":{"message":"boom","type":"server_error"}}'], { done: false }),
        ),
      );
      expect(error).toBeInstanceOf(UpstreamError);
      expect((error as UpstreamError).message).toContain('boom');
    });

    it('classifies upstream errors by status and keeps the retry hint', () => {
      const body =
        '{"error":{"message":"slow down","type":"requests","code":"rate_limit_exceeded"}}';
      expect(adapter.mapError(429, { 'retry-after': '2' }, body)).toMatchObject({
        code: 'upstream_rate_limited',
        status: 429,
        retryAfterMs: 2000,
      });
      expect(adapter.mapError(401, {}, '{}')).toMatchObject({
        code: 'upstream_authentication',
        status: 502,
      });
      expect(adapter.mapError(400, {}, '{}')).toMatchObject({
        code: 'upstream_bad_request',
        fault: 'caller',
      });
      expect(adapter.mapError(500, {}, 'oops')).toMatchObject({
        code: 'upstream_server_error',
        retryable: true,
      });
    });
  });
}
