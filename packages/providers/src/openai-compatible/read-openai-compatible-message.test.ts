import { describe, expect, it } from 'vitest';
import {
  readOpenAiCompatibleMessageText,
  toolCallArguments,
  toResponseToolCall,
} from './read-openai-compatible-message.js';

describe('readOpenAiCompatibleMessageText', () => {
  it('distinguishes absent content (undefined) from null content', () => {
    expect(readOpenAiCompatibleMessageText({}, { reasoningFields: [] })).toEqual({
      content: undefined,
      reasoning: undefined,
    });
    expect(readOpenAiCompatibleMessageText({ content: null }, { reasoningFields: [] })).toEqual({
      content: null,
      reasoning: undefined,
    });
  });

  it('takes reasoning from the declared fields in order, empty strings included', () => {
    const message = { content: 'x', reasoning_content: '', reasoning: 'r' };
    expect(
      readOpenAiCompatibleMessageText(message, {
        reasoningFields: ['reasoning_content', 'reasoning'],
      }).reasoning,
    ).toBe('');
    expect(
      readOpenAiCompatibleMessageText(message, { reasoningFields: ['reasoning'] }).reasoning,
    ).toBe('r');
    expect(
      readOpenAiCompatibleMessageText(message, { reasoningFields: [] }).reasoning,
    ).toBeUndefined();
  });

  it('lets a profile split array content into text and reasoning', () => {
    const readContentParts = () => ({ text: 'T', reasoning: 'R' });
    expect(
      readOpenAiCompatibleMessageText(
        { content: [{ type: 'thinking' }] },
        { reasoningFields: [], readContentParts },
      ),
    ).toEqual({ content: 'T', reasoning: 'R' });
  });
});

describe('tool calls', () => {
  it('keep string arguments verbatim and encode objects', () => {
    expect(toolCallArguments({ function: { arguments: '{"a": 1}' } })).toBe('{"a": 1}');
    expect(toolCallArguments({ function: { arguments: { a: 1 } } })).toBe('{"a":1}');
    expect(toolCallArguments({ function: { name: 'f' } })).toBeUndefined();
    expect(toResponseToolCall({ id: 'c1', function: { name: 'f' } }, 'fallback')).toEqual({
      id: 'c1',
      type: 'function',
      function: { name: 'f', arguments: '' },
    });
  });
});
