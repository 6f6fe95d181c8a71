import { describe, expect, it } from 'vitest';
import { runOpenAiCompatibleContractSuite } from '../openai-compatible/__fixtures__/run-contract-suite.js';
import type { UpstreamTarget } from '../spec/adapter.js';
import type { ChatCompletionRequest } from '../spec/chat-request.js';
import { vllmAdapter } from './vllm-adapter.js';

const target: UpstreamTarget = {
  provider: 'vllm',
  baseUrl: 'http://gpu-1:8000/v1',
  apiKey: 'vk',
  model: 'Qwen/Qwen3-8B',
};
const drop = { unsupported: 'drop', now: new Date('2026-01-01T00:00:00Z') } as const;

runOpenAiCompatibleContractSuite(vllmAdapter, target);

describe('vllmAdapter', () => {
  it('gates what vLLM ignores (parallel_tool_calls, user, image detail) and forwards its extras', () => {
    const request: ChatCompletionRequest = {
      model: 'alias',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'https://x/cat.png', detail: 'low' } },
          ],
        },
      ],
      parallel_tool_calls: false,
      user: 'u-1',
      guided_choice: ['cat', 'dog'],
    };
    const { http, dropped } = vllmAdapter.mapChatRequest(request, target, drop);
    expect(dropped).toEqual([
      'parallel_tool_calls',
      'user',
      'messages[].content[].image_url.detail',
    ]);
    expect(http.headers).toEqual({
      'content-type': 'application/json',
      authorization: 'Bearer vk',
    });
    expect(JSON.parse(http.body ?? '')).toEqual({
      model: 'Qwen/Qwen3-8B',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'https://x/cat.png' } },
          ],
        },
      ],
      guided_choice: ['cat', 'dog'],
    });
  });

  it('sends no auth header to a server without --api-key, and needs the target address', () => {
    const open = { ...target, apiKey: '' };
    const hello = { model: 'alias', messages: [{ role: 'user' as const, content: 'Hi' }] };
    expect(vllmAdapter.mapChatRequest(hello, open, drop).http.headers).toEqual({
      'content-type': 'application/json',
    });
    expect(() => vllmAdapter.mapChatRequest(hello, { ...target, baseUrl: '' }, drop)).toThrow(
      /no base URL/,
    );
  });

  it('drops the unsupported completions suffix', () => {
    const result = vllmAdapter.mapCompletionsRequest?.(
      { model: 'a', prompt: 'def f(', suffix: ')' },
      target,
      drop,
    );
    expect(result?.dropped).toEqual(['suffix']);
    expect(result?.http.url).toBe('http://gpu-1:8000/v1/completions');
    expect(JSON.parse(result?.http.body ?? '')).toEqual({
      model: 'Qwen/Qwen3-8B',
      prompt: 'def f(',
    });
  });
});
