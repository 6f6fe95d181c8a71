import { describe, expect, it } from 'vitest';
import { thrownBy } from '../openai-compatible/__fixtures__/replay-sse.js';
import { runOpenAiCompatibleContractSuite } from '../openai-compatible/__fixtures__/run-contract-suite.js';
import type { UpstreamTarget } from '../spec/adapter.js';
import type { ChatCompletionRequest } from '../spec/chat-request.js';
import { ollamaAdapter } from './ollama-adapter.js';

const target: UpstreamTarget = { provider: 'ollama', baseUrl: '', apiKey: '', model: 'llama3.2' };
const reject = { unsupported: 'reject', now: new Date('2026-01-01T00:00:00Z') } as const;
const drop = { ...reject, unsupported: 'drop' } as const;
const hello: ChatCompletionRequest = {
  model: 'alias',
  messages: [{ role: 'user', content: 'Hi' }],
};

runOpenAiCompatibleContractSuite(ollamaAdapter, {
  ...target,
  baseUrl: 'http://localhost:11434/v1',
  apiKey: 'ollama',
});

describe('ollamaAdapter', () => {
  it('talks to localhost without a key by default', () => {
    const { http } = ollamaAdapter.mapChatRequest(
      { ...hello, max_completion_tokens: 50 },
      target,
      reject,
    );
    expect(http.url).toBe('http://localhost:11434/v1/chat/completions');
    expect(http.headers).toEqual({ 'content-type': 'application/json' });
    expect(JSON.parse(http.body ?? '')).toEqual({
      model: 'llama3.2',
      messages: [{ role: 'user', content: 'Hi' }],
      max_tokens: 50,
    });
  });

  it('gates the documented unsupported fields: tool_choice, logit_bias, user, n, logprobs', () => {
    const request: ChatCompletionRequest = {
      ...hello,
      tool_choice: 'required',
      logit_bias: { '1': 1 },
      user: 'u',
      n: 1,
      logprobs: true,
    };
    expect(thrownBy(() => ollamaAdapter.mapChatRequest(request, target, reject))).toMatchObject({
      param: 'tool_choice',
    });
    // Reported in the caller's field order.
    expect(ollamaAdapter.mapChatRequest(request, target, drop).dropped).toEqual([
      'tool_choice',
      'logit_bias',
      'user',
      'n',
      'logprobs',
    ]);
  });

  it('omits tool_choice "auto" (Ollama\'s own behaviour) instead of refusing it', () => {
    const mapped = ollamaAdapter.mapChatRequest({ ...hello, tool_choice: 'auto' }, target, reject);
    expect(mapped.dropped).toEqual([]);
    expect(JSON.parse(mapped.http.body ?? '')).not.toHaveProperty('tool_choice');
  });

  it('accepts base64 images but refuses image links by name', () => {
    const image = (url: string): ChatCompletionRequest => ({
      ...hello,
      messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url } }] }],
    });
    expect(
      ollamaAdapter.mapChatRequest(image('data:image/png;base64,iVBORw0'), target, reject).dropped,
    ).toEqual([]);
    expect(
      thrownBy(() => ollamaAdapter.mapChatRequest(image('https://x/cat.png'), target, reject)),
    ).toMatchObject({
      param: 'messages[].content[].image_url.url',
    });
  });

  it('only takes its own reasoning_effort values and reads reasoning back', () => {
    expect(
      ollamaAdapter.mapChatRequest({ ...hello, reasoning_effort: 'max' }, target, reject).dropped,
    ).toEqual([]);
    expect(
      ollamaAdapter.mapChatRequest({ ...hello, reasoning_effort: 'minimal' }, target, drop).dropped,
    ).toEqual(['reasoning_effort']);
    const mapped = ollamaAdapter.mapChatResponse(
      {
        id: 'chatcmpl-1',
        created: 1,
        model: 'gpt-oss:20b',
        choices: [
          {
            index: 0,
            finish_reason: 'stop',
            message: { role: 'assistant', content: 'Hi', reasoning: 'Greet.' },
          },
        ],
      },
      target,
    );
    expect(mapped.body.choices[0]?.message.reasoning_content).toBe('Greet.');
  });

  it('refuses token-array embeddings and non-string completion prompts, which cannot be dropped', () => {
    expect(
      thrownBy(() =>
        ollamaAdapter.mapEmbeddingsRequest?.({ model: 'e', input: [1, 2, 3] }, target, drop),
      ),
    ).toMatchObject({
      param: 'input',
    });
    expect(
      thrownBy(() =>
        ollamaAdapter.mapCompletionsRequest?.({ model: 'c', prompt: ['a', 'b'] }, target, drop),
      ),
    ).toMatchObject({
      param: 'prompt',
    });
    expect(
      ollamaAdapter.mapCompletionsRequest?.({ model: 'c', prompt: 'a', echo: true }, target, drop)
        .dropped,
    ).toEqual(['echo']);
  });
});
