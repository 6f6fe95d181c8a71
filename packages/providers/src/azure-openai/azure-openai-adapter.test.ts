import { describe, expect, it } from 'vitest';
import { feedInSlices, frameSse } from '../openai-compatible/__fixtures__/replay-sse.js';
import { runOpenAiCompatibleContractSuite } from '../openai-compatible/__fixtures__/run-contract-suite.js';
import type { UpstreamTarget } from '../spec/adapter.js';
import { azureOpenAiAdapter } from './azure-openai-adapter.js';

const target: UpstreamTarget = {
  provider: 'azure-openai',
  baseUrl: 'https://my-resource.openai.azure.com/',
  apiKey: 'az-key',
  model: 'gpt-4o prod',
};
const options = { unsupported: 'reject', now: new Date('2026-01-01T00:00:00Z') } as const;
const hello = { model: 'alias', messages: [{ role: 'user' as const, content: 'Hi' }] };

runOpenAiCompatibleContractSuite(azureOpenAiAdapter, target);

describe('azureOpenAiAdapter request', () => {
  it('posts to the deployment URL with the default api-version and an api-key header', () => {
    const { http } = azureOpenAiAdapter.mapChatRequest({ ...hello, stream: true }, target, options);
    expect(http.url).toBe(
      'https://my-resource.openai.azure.com/openai/deployments/gpt-4o%20prod/chat/completions?api-version=2024-10-21',
    );
    expect(http.headers).toEqual({ 'content-type': 'application/json', 'api-key': 'az-key' });
    expect(JSON.parse(http.body ?? '')).toEqual({
      model: 'gpt-4o prod',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('honours the target api-version, the v1 API and Entra tokens', () => {
    const dated = { ...target, options: { apiVersion: '2025-04-01-preview' } };
    expect(azureOpenAiAdapter.mapChatRequest(hello, dated, options).http.url).toBe(
      'https://my-resource.openai.azure.com/openai/deployments/gpt-4o%20prod/chat/completions?api-version=2025-04-01-preview',
    );
    const v1 = { ...target, options: { apiVersion: 'v1', auth: 'entra' } };
    const { http } = azureOpenAiAdapter.mapChatRequest(hello, v1, options);
    expect(http.url).toBe('https://my-resource.openai.azure.com/openai/v1/chat/completions');
    expect(http.headers).toEqual({
      'content-type': 'application/json',
      authorization: 'Bearer az-key',
    });
    const embeddings = azureOpenAiAdapter.mapEmbeddingsRequest?.(
      { model: 'e', input: 'x' },
      target,
      options,
    );
    expect(embeddings?.http.url).toBe(
      'https://my-resource.openai.azure.com/openai/deployments/gpt-4o%20prod/embeddings?api-version=2024-10-21',
    );
  });
});

describe('azureOpenAiAdapter answers', () => {
  it('maps a content-policy 400 to upstream_content_filter with the filter results', () => {
    const body = JSON.stringify({
      error: {
        message:
          "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
        type: null,
        param: 'prompt',
        code: 'content_filter',
        status: 400,
        innererror: {
          code: 'ResponsibleAIPolicyViolation',
          content_filter_result: {
            hate: { filtered: false, severity: 'safe' },
            jailbreak: { filtered: true, detected: true },
          },
        },
      },
    });
    expect(azureOpenAiAdapter.mapError(400, {}, body)).toMatchObject({
      code: 'upstream_content_filter',
      status: 400,
      fault: 'caller',
      retryable: false,
      providerCode: 'content_filter',
      message:
        "Azure OpenAI: The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
      details: {
        innerCode: 'ResponsibleAIPolicyViolation',
        contentFilterResult: {
          hate: { filtered: false, severity: 'safe' },
          jailbreak: { filtered: true, detected: true },
        },
      },
    });
  });

  it('keeps the retry-after-ms hint of a 429', () => {
    expect(
      azureOpenAiAdapter.mapError(
        429,
        { 'Retry-After-Ms': '1500', 'retry-after': '2' },
        '{"error":{"code":"429","message":"Rate limit"}}',
      ),
    ).toMatchObject({ code: 'upstream_rate_limited', status: 429, retryAfterMs: 1500 });
  });

  it('skips the prompt-filter chunk with empty choices and ids from the real chunks', () => {
    const converter = azureOpenAiAdapter.createChatStreamConverter(target, {
      responseId: 'fallback',
      created: 5,
    });
    const chunks = feedInSlices(
      converter,
      frameSse([
        '{"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"}}}]}',
        '{"choices":[{"content_filter_results":{},"delta":{"content":"Hi","role":"assistant"},"finish_reason":null,"index":0,"logprobs":null}],"created":9,"id":"chatcmpl-az","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_1"}',
        '{"choices":[{"content_filter_results":{"hate":{"filtered":false,"severity":"safe"}},"delta":{},"finish_reason":null,"index":0}],"created":9,"id":"chatcmpl-az","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk"}',
        '{"choices":[{"content_filter_results":{},"delta":{},"finish_reason":"stop","index":0,"logprobs":null}],"created":9,"id":"chatcmpl-az","model":"gpt-4o-2024-11-20","object":"chat.completion.chunk","system_fingerprint":"fp_1"}',
      ]),
      11,
    );
    const envelope = {
      id: 'chatcmpl-az',
      object: 'chat.completion.chunk',
      created: 9,
      model: 'gpt-4o-2024-11-20',
      system_fingerprint: 'fp_1',
    };
    expect(chunks).toEqual([
      {
        ...envelope,
        choices: [
          {
            index: 0,
            delta: { role: 'assistant', content: 'Hi' },
            logprobs: null,
            finish_reason: null,
          },
        ],
      },
      { ...envelope, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }] },
    ]);
  });
});
