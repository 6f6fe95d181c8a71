import { describe, expect, it } from 'vitest';
import { thrownBy } from '../openai-compatible/__fixtures__/replay-sse.js';
import { runOpenAiCompatibleContractSuite } from '../openai-compatible/__fixtures__/run-contract-suite.js';
import type { UpstreamTarget } from '../spec/adapter.js';
import { qwenAdapter } from './qwen-adapter.js';

const target: UpstreamTarget = {
  provider: 'qwen',
  baseUrl: '',
  apiKey: 'dash-key',
  model: 'qwen-plus',
};
const reject = { unsupported: 'reject', now: new Date('2026-01-01T00:00:00Z') } as const;
const drop = { ...reject, unsupported: 'drop' } as const;
const hello = { model: 'alias', messages: [{ role: 'user' as const, content: 'Hi' }] };

runOpenAiCompatibleContractSuite(qwenAdapter, {
  ...target,
  baseUrl: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
});

describe('qwenAdapter', () => {
  it('uses the international compatible-mode URL by default and forwards the thinking switches', () => {
    const { http, dropped } = qwenAdapter.mapChatRequest(
      { ...hello, enable_thinking: true, thinking_budget: 512, max_completion_tokens: 64 },
      target,
      reject,
    );
    expect(http.url).toBe(
      'https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions',
    );
    expect(JSON.parse(http.body ?? '')).toEqual({
      model: 'qwen-plus',
      messages: [{ role: 'user', content: 'Hi' }],
      enable_thinking: true,
      thinking_budget: 512,
      max_tokens: 64,
    });
    expect(dropped).toEqual([]);
  });

  it('refuses frequency_penalty and tool_choice "required" (downgraded to auto upstream ⚠)', () => {
    expect(
      thrownBy(() =>
        qwenAdapter.mapChatRequest({ ...hello, frequency_penalty: 1 }, target, reject),
      ),
    ).toMatchObject({
      param: 'frequency_penalty',
    });
    const result = qwenAdapter.mapChatRequest({ ...hello, tool_choice: 'required' }, target, drop);
    expect(result.dropped).toEqual(['tool_choice']);
    expect(
      qwenAdapter.mapChatRequest({ ...hello, tool_choice: 'auto' }, target, reject).dropped,
    ).toEqual([]);
  });

  it('reads reasoning_content from deltas', () => {
    const converter = qwenAdapter.createChatStreamConverter(target, {
      responseId: 'r',
      created: 1,
    });
    const bytes = new TextEncoder().encode(
      'data: {"id":"q","created":2,"model":"qwen-plus","choices":[{"index":0,"delta":{"content":null,"reasoning_content":"Hmm"},"finish_reason":null}]}\n\n',
    );
    expect(converter.push(bytes)[0]?.choices[0]?.delta).toEqual({
      content: null,
      reasoning_content: 'Hmm',
    });
  });
});
