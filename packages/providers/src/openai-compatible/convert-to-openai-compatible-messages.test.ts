import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../spec/chat-request.js';
import { testProfile } from './__fixtures__/test-profile.js';
import { thrownBy } from './__fixtures__/replay-sse.js';
import { convertToOpenAiCompatibleMessages } from './convert-to-openai-compatible-messages.js';
import { createRequestGate } from './openai-compatible-gate.js';
import { openAiCapabilities } from './openai-compatible-parameters.js';
import type { MessageRules } from './openai-compatible-profile.js';

const strict: MessageRules = {
  developerRole: 'system',
  names: false,
  assistantReasoning: false,
  imageDetail: false,
  audioInput: false,
  rewriteToolCallId: (id) => `X${id.length}`,
};
const convert = (messages: ChatMessage[], mode: 'reject' | 'drop', overrides = {}) => {
  const gate = createRequestGate('Acme', mode);
  const profile = testProfile({ messages: strict, ...overrides });
  return {
    messages: convertToOpenAiCompatibleMessages(messages, profile, gate),
    dropped: gate.dropped(),
  };
};

describe('convertToOpenAiCompatibleMessages', () => {
  it('passes plain messages through unchanged when every rule allows them', () => {
    const messages: ChatMessage[] = [
      { role: 'developer', content: 'Be brief', name: 'ops' },
      {
        role: 'user',
        content: [{ type: 'image_url', image_url: { url: 'https://x/a.png', detail: 'low' } }],
      },
    ];
    const gate = createRequestGate('Acme', 'reject');
    expect(convertToOpenAiCompatibleMessages(messages, testProfile(), gate)).toEqual(messages);
  });

  it('sends developer as system and rewrites tool-call ids on both sides', () => {
    const { messages } = convert(
      [
        { role: 'developer', content: 'Be brief' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'ok' },
      ],
      'reject',
    );
    expect(messages).toEqual([
      { role: 'system', content: 'Be brief' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'X6', type: 'function', function: { name: 'f', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'X6', content: 'ok' },
    ]);
  });

  it('gates names, replayed reasoning, image detail and audio', () => {
    const input: ChatMessage[] = [
      {
        role: 'user',
        name: 'ada',
        content: [
          { type: 'text', text: 'look' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AA', detail: 'high' } },
          { type: 'input_audio', input_audio: { data: 'AA', format: 'wav' } },
        ],
      },
      { role: 'assistant', content: 'seen', reasoning_content: 'hmm' },
    ];
    expect(thrownBy(() => convert(input, 'reject'))).toMatchObject({ param: 'messages[].name' });
    expect(convert(input, 'drop')).toEqual({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'look' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } },
          ],
        },
        { role: 'assistant', content: 'seen' },
      ],
      dropped: [
        'messages[].name',
        'messages[].content[].image_url.detail',
        'messages[].content[].input_audio',
        'messages[].reasoning_content',
      ],
    });
  });

  it('gates images by the vision capabilities and files by documents', () => {
    const image = (url: string): ChatMessage[] => [
      { role: 'user', content: [{ type: 'image_url', image_url: { url } }] },
    ];
    const noLinks = { capabilities: { ...openAiCapabilities, imageUrls: false, documents: false } };
    expect(convert(image('data:image/png;base64,AA'), 'reject', noLinks).dropped).toEqual([]);
    expect(thrownBy(() => convert(image('https://x/a.png'), 'reject', noLinks))).toMatchObject({
      param: 'messages[].content[].image_url.url',
    });
    const noVision = { capabilities: { ...openAiCapabilities, vision: false } };
    expect(convert(image('data:image/png;base64,AA'), 'drop', noVision).dropped).toEqual([
      'messages[].content[].image_url',
    ]);
    const file: ChatMessage[] = [
      { role: 'user', content: [{ type: 'file', file: { file_id: 'f1' } }] },
    ];
    expect(convert(file, 'drop', noLinks)).toEqual({
      messages: [{ role: 'user', content: [] }],
      dropped: ['messages[].content[].file'],
    });
  });
});
