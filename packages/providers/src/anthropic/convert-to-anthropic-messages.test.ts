import { describe, expect, it } from 'vitest';
import { chatMessageSchema, type ChatMessage } from '../spec/chat-request.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';

const messages = (...raw: unknown[]): ChatMessage[] =>
  raw.map((message) => chatMessageSchema.parse(message));

describe('system and developer messages', () => {
  it('sends a single string system message as a string', () => {
    expect(
      convertToAnthropicMessages(
        messages({ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }),
      ),
    ).toEqual({ system: 'Be brief.', messages: [{ role: 'user', content: 'Hi' }] });
  });

  it('joins several, in order, as text blocks, wherever they appear', () => {
    const prompt = convertToAnthropicMessages(
      messages(
        { role: 'developer', content: 'One.' },
        { role: 'user', content: 'Hi' },
        {
          role: 'system',
          content: [
            { type: 'text', text: 'Two.', cache_control: { type: 'ephemeral', ttl: '1h' } },
          ],
        },
      ),
    );
    expect(prompt.system).toEqual([
      { type: 'text', text: 'One.' },
      { type: 'text', text: 'Two.', cache_control: { type: 'ephemeral', ttl: '1h' } },
    ]);
  });

  it('refuses non-text system content', () => {
    const image = { type: 'image_url', image_url: { url: 'https://x/y.png' } };
    expect(() =>
      convertToAnthropicMessages(messages({ role: 'system', content: [image] })),
    ).toThrow(expect.objectContaining({ param: 'messages[0].content[0].type' }));
  });
});

describe('user content', () => {
  const user = (...parts: unknown[]) =>
    convertToAnthropicMessages(messages({ role: 'user', content: parts })).messages;

  it('refuses images Anthropic cannot read, audio and file ids, naming the part', () => {
    expect(() =>
      user({ type: 'image_url', image_url: { url: 'data:image/bmp;base64,Qk0=' } }),
    ).toThrow(
      expect.objectContaining({
        code: 'unsupported_parameter',
        param: 'messages[0].content[0].image_url.url',
      }),
    );
    expect(() => user({ type: 'image_url', image_url: { url: 'ftp://x/y.png' } })).toThrow(
      expect.objectContaining({
        code: 'invalid_request',
        param: 'messages[0].content[0].image_url.url',
      }),
    );
    expect(() =>
      user({ type: 'input_audio', input_audio: { data: 'AAA=', format: 'wav' } }),
    ).toThrow(expect.objectContaining({ param: 'messages[0].content[0].input_audio' }));
    expect(() => user({ type: 'file', file: { file_id: 'file-1' } })).toThrow(
      expect.objectContaining({ param: 'messages[0].content[0].file.file_id' }),
    );
    expect(() => user({ type: 'file', file: { file_data: 'data:image/png;base64,AAA=' } })).toThrow(
      expect.objectContaining({ param: 'messages[0].content[0].file.file_data' }),
    );
  });

  it('turns bare base64 into a PDF document and text/plain data into a text document', () => {
    const text = Buffer.from('plain words', 'utf8').toString('base64');
    expect(
      user(
        { type: 'file', file: { file_data: 'JVBERi0=' } },
        {
          type: 'file',
          file: { filename: 'notes.txt', file_data: `data:text/plain;base64,${text}` },
        },
      ),
    ).toEqual([
      {
        role: 'user',
        content: [
          {
            type: 'document',
            source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' },
          },
          {
            type: 'document',
            source: { type: 'text', media_type: 'text/plain', data: 'plain words' },
            title: 'notes.txt',
          },
        ],
      },
    ]);
  });

  it('copies cache_control from parts and refuses a malformed one', () => {
    expect(
      user({ type: 'text', text: 'long context', cache_control: { type: 'ephemeral' } }),
    ).toEqual([
      {
        role: 'user',
        content: [{ type: 'text', text: 'long context', cache_control: { type: 'ephemeral' } }],
      },
    ]);
    expect(() => user({ type: 'text', text: 'x', cache_control: { type: 'sometimes' } })).toThrow(
      expect.objectContaining({ param: 'messages[0].content[0].cache_control' }),
    );
  });
});

describe('assistant turns and tool results', () => {
  const call = (id: string, args: string) => ({
    id,
    type: 'function',
    function: { name: 'f', arguments: args },
  });

  it('keeps plain assistant text as a string and drops empty text next to tool calls', () => {
    const prompt = convertToAnthropicMessages(
      messages(
        { role: 'user', content: 'a' },
        { role: 'assistant', content: 'b' },
        { role: 'user', content: 'c' },
        { role: 'assistant', content: '', tool_calls: [call('t1', '')] },
      ),
    );
    expect(prompt.messages.slice(1, 2)).toEqual([{ role: 'assistant', content: 'b' }]);
    expect(prompt.messages[3]).toEqual({
      role: 'assistant',
      content: [{ type: 'tool_use', id: 't1', name: 'f', input: {} }],
    });
  });

  it('refuses tool-call arguments that are not a JSON object', () => {
    for (const args of ['{oops', '[1,2]']) {
      expect(() =>
        convertToAnthropicMessages(
          messages({ role: 'assistant', content: null, tool_calls: [call('t', args)] }),
        ),
      ).toThrow(expect.objectContaining({ param: 'messages[0].tool_calls[0].function.arguments' }));
    }
  });

  it('merges consecutive tool results into one user turn and keeps is_error', () => {
    const prompt = convertToAnthropicMessages(
      messages(
        { role: 'assistant', content: null, tool_calls: [call('t1', '{}'), call('t2', '{}')] },
        { role: 'tool', tool_call_id: 't1', content: 'ok' },
        {
          role: 'tool',
          tool_call_id: 't2',
          content: 'boom',
          is_error: true,
          cache_control: { type: 'ephemeral' },
        },
        { role: 'assistant', content: 'done' },
        { role: 'user', content: 'thanks' },
      ),
    );
    expect(prompt.messages.slice(1)).toEqual([
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 't1', content: 'ok' },
          {
            type: 'tool_result',
            tool_use_id: 't2',
            content: 'boom',
            is_error: true,
            cache_control: { type: 'ephemeral' },
          },
        ],
      },
      { role: 'assistant', content: 'done' },
      { role: 'user', content: 'thanks' },
    ]);
  });
});
