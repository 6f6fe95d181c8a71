import { describe, expect, it } from 'vitest';
import type { ChatCompletionRequest } from '../spec/chat-request.js';
import { dropOptions, testProfile, testTarget } from './__fixtures__/test-profile.js';
import { thrownBy } from './__fixtures__/replay-sse.js';
import { convertToOpenAiCompatibleRequest } from './convert-to-openai-compatible-request.js';
import {
  chatParameters,
  coreChatParameters,
  openAiCapabilities,
} from './openai-compatible-parameters.js';

const hello: ChatCompletionRequest = {
  model: 'alias',
  messages: [{ role: 'user', content: 'Hi' }],
};
const convert = (
  request: ChatCompletionRequest,
  profile = testProfile(),
  mode: 'reject' | 'drop' = 'reject',
) => convertToOpenAiCompatibleRequest(request, testTarget, profile, mode);

describe('convertToOpenAiCompatibleRequest', () => {
  it("replaces the model alias with the target's model id and keeps every supported field", () => {
    const request: ChatCompletionRequest = { ...hello, temperature: 0.3, stop: ['x'], top_p: null };
    expect(convert(request)).toEqual({
      body: {
        model: 'acme-large',
        messages: [{ role: 'user', content: 'Hi' }],
        temperature: 0.3,
        stop: ['x'],
      },
      dropped: [],
    });
  });

  it('refuses an unsupported field by name, or drops it and lists it', () => {
    expect(thrownBy(() => convert({ ...hello, store: true }))).toMatchObject({
      code: 'unsupported_parameter',
      status: 400,
      param: 'store',
      message: expect.stringContaining('Acme (acme-large)'),
    });
    expect(convert({ ...hello, store: true, metadata: { a: 'b' } }, testProfile(), 'drop')).toEqual(
      {
        body: { model: 'acme-large', messages: [{ role: 'user', content: 'Hi' }] },
        dropped: ['store', 'metadata'],
      },
    );
  });

  it('always asks for usage on streams, keeping the other stream options', () => {
    const request: ChatCompletionRequest = {
      ...hello,
      stream: true,
      stream_options: { include_usage: false, include_obfuscation: false },
    };
    expect(convert(request).body['stream_options']).toEqual({
      include_usage: true,
      include_obfuscation: false,
    });
    expect(convert({ ...hello, stream: true }).body['stream_options']).toEqual({
      include_usage: true,
    });
    expect(convert({ ...hello, stream: false }).body).not.toHaveProperty('stream_options');
  });

  it('never forwards stream_options to providers that refuse them (usage comes unasked)', () => {
    const profile = testProfile({ streamOptions: 'unsupported' });
    const result = convert(
      { ...hello, stream: true, stream_options: { include_usage: true } },
      profile,
    );
    expect(result).toEqual({
      body: { model: 'acme-large', messages: [{ role: 'user', content: 'Hi' }], stream: true },
      dropped: [],
    });
  });

  it("renames fields to the provider's spelling, refusing both spellings at once", () => {
    const profile = testProfile({
      chatParameters: chatParameters(coreChatParameters, {
        remove: ['seed', 'max_completion_tokens'],
        add: ['random_seed'],
      }),
      renamedParameters: { seed: 'random_seed', max_completion_tokens: 'max_tokens' },
    });
    expect(convert({ ...hello, seed: 7, max_completion_tokens: 9 }, profile).body).toEqual({
      model: 'acme-large',
      messages: [{ role: 'user', content: 'Hi' }],
      random_seed: 7,
      max_tokens: 9,
    });
    expect(
      thrownBy(() => convert({ ...hello, max_tokens: 5, max_completion_tokens: 9 }, profile)),
    ).toMatchObject({
      param: 'max_completion_tokens',
      message: expect.stringContaining("both 'max_completion_tokens' and 'max_tokens' are set"),
    });
  });

  it('applies model rules only to matching models', () => {
    const profile = testProfile({
      modelRules: [
        { models: /^acme-large$/, unsupported: ['temperature', 'stop'], hint: 'reasoning model' },
      ],
    });
    expect(
      convert({ ...hello, temperature: 1, stop: 'x', top_p: 0.5 }, profile, 'drop').dropped,
    ).toEqual(['temperature', 'stop']);
    const other = convertToOpenAiCompatibleRequest(
      { ...hello, temperature: 1 },
      { ...testTarget, model: 'acme-small' },
      profile,
      'reject',
    );
    expect(other.dropped).toEqual([]);
  });

  it('checks values against profile rules and capabilities', () => {
    const profile = testProfile({
      capabilities: { ...openAiCapabilities, n: false, jsonSchema: false },
      valueRules: [
        { param: 'tool_choice', allowed: (value) => value !== 'required', hint: 'downgraded' },
      ],
    });
    expect(
      convert(
        { ...hello, n: 1, tool_choice: 'auto', response_format: { type: 'json_object' } },
        profile,
      ).dropped,
    ).toEqual([]);
    const result = convert(
      {
        ...hello,
        n: 3,
        tool_choice: 'required',
        response_format: { type: 'json_schema', json_schema: { name: 's' } },
      },
      profile,
      'drop',
    );
    expect(result.dropped).toEqual(['n', 'response_format', 'tool_choice']);
    expect(result.body).toEqual({
      model: 'acme-large',
      messages: [{ role: 'user', content: 'Hi' }],
    });
  });

  it('removes parameters whose capability is off, even if the profile lists them', () => {
    const profile = testProfile({
      capabilities: { ...openAiCapabilities, tools: false, seed: false },
    });
    const request: ChatCompletionRequest = {
      ...hello,
      seed: 1,
      tools: [{ type: 'function', function: { name: 'f' } }],
      tool_choice: 'auto',
    };
    expect(convert(request, profile, 'drop').dropped).toEqual(['seed', 'tools', 'tool_choice']);
  });

  it('adds the profile fields that keep OpenAI semantics, unless the caller set them', () => {
    const profile = testProfile({
      chatParameters: chatParameters(coreChatParameters, {
        add: ['context_length_exceeded_behavior'],
      }),
      addedBodyFields: { context_length_exceeded_behavior: 'error' },
    });
    expect(convert(hello, profile).body['context_length_exceeded_behavior']).toBe('error');
    expect(
      convert({ ...hello, context_length_exceeded_behavior: 'truncate' }, profile).body[
        'context_length_exceeded_behavior'
      ],
    ).toBe('truncate');
  });

  it('does not mutate the caller request', () => {
    const request: ChatCompletionRequest = {
      ...hello,
      messages: [{ role: 'developer', content: 'x' }],
      store: true,
    };
    const snapshot = structuredClone(request);
    convertToOpenAiCompatibleRequest(
      request,
      testTarget,
      testProfile({ messages: { ...testProfile().messages, developerRole: 'system' } }),
      dropOptions.unsupported,
    );
    expect(request).toEqual(snapshot);
  });
});
