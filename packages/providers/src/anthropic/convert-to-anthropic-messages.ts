import { InvalidRequestError, UnsupportedParameterError } from '@switchyard/errors';
import type { ChatMessage, ContentPart, ToolCall } from '../spec/chat-request.js';
import {
  anthropicCacheControlSchema,
  anthropicImageMediaTypes,
  type AnthropicCacheControl,
  type AnthropicDocumentBlock,
  type AnthropicImageBlock,
  type AnthropicMessageParam,
  type AnthropicRequestBlock,
  type AnthropicTextBlock,
  type AnthropicToolResultBlock,
  type AnthropicToolUseBlock,
} from './anthropic-api.js';

/**
 * Canonical (OpenAI) messages → Anthropic `system` + `messages` (reference §2.3, §2.4 and the
 * request table in §2.8). Nothing here is dropped silently: content Anthropic cannot take
 * (audio, file ids, unknown image types) is refused with the path of the offending part.
 *
 * Extension kept for prompt caching: a `cache_control` object on a content part, a tool call or
 * a tool message (the convention OpenRouter and LiteLLM use, and what the Anthropic ingress
 * produces) is copied onto the Anthropic block, so Claude Code's cache breakpoints survive.
 */

const TARGET = 'Anthropic';

export interface AnthropicPrompt {
  system: string | AnthropicTextBlock[] | undefined;
  messages: AnthropicMessageParam[];
}

type UserBlock = AnthropicTextBlock | AnthropicImageBlock | AnthropicDocumentBlock;
type MessageContent = ChatMessage['content'];

export function convertToAnthropicMessages(messages: readonly ChatMessage[]): AnthropicPrompt {
  const systemBlocks: AnthropicTextBlock[] = [];
  let systemStrings = 0;
  const turns: AnthropicMessageParam[] = [];
  /** Blocks of the user turn opened by tool results, while more results or user text may join. */
  let toolTurn: AnthropicRequestBlock[] | undefined;

  messages.forEach((message, i) => {
    const path = `messages[${i}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        // Concatenated in order into the top-level `system` (§2.8); a mid-conversation system
        // message loses its position because Anthropic has no system role in `messages`.
        if (typeof message.content === 'string') systemStrings++;
        systemBlocks.push(...toSystemBlocks(message.content, path));
        return;
      case 'user': {
        const content = convertUserContent(message.content, path);
        if (toolTurn) {
          // Text after tool results joins their turn, after them (§2.3: results come first).
          if (typeof content !== 'string') toolTurn.push(...content);
          else if (content !== '') toolTurn.push({ type: 'text', text: content });
          toolTurn = undefined;
        } else {
          turns.push({ role: 'user', content });
        }
        return;
      }
      case 'assistant':
        toolTurn = undefined;
        turns.push({ role: 'assistant', content: convertAssistant(message, path) });
        return;
      case 'tool': {
        // Consecutive tool messages become ONE user turn of tool_result blocks (§2.8).
        const result = convertToolResult(message, path);
        if (toolTurn) {
          toolTurn.push(result);
        } else {
          toolTurn = [result];
          turns.push({ role: 'user', content: toolTurn });
        }
        return;
      }
    }
  });

  const system =
    systemBlocks.length === 0
      ? undefined
      : systemStrings === 1 && systemBlocks.length === 1 && !systemBlocks[0]?.cache_control
        ? systemBlocks[0]?.text
        : systemBlocks;
  return { system, messages: turns };
}

function readCacheControl(value: object, path: string): AnthropicCacheControl | undefined {
  if (!('cache_control' in value) || value.cache_control == null) return undefined;
  const parsed = anthropicCacheControlSchema.safeParse(value.cache_control);
  if (!parsed.success) {
    throw new InvalidRequestError(
      `${path}.cache_control must be {"type":"ephemeral","ttl"?:"5m"|"1h"}`,
      {
        param: `${path}.cache_control`,
      },
    );
  }
  return parsed.data;
}

function withCacheControl<T extends object>(block: T, source: object, path: string): T {
  const cacheControl = readCacheControl(source, path);
  return cacheControl ? { ...block, cache_control: cacheControl } : block;
}

function toSystemBlocks(content: MessageContent, path: string): AnthropicTextBlock[] {
  if (content == null) return [];
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((part, j) => {
    const partPath = `${path}.content[${j}]`;
    if (part.type !== 'text') {
      throw new UnsupportedParameterError(
        `${partPath}.type`,
        TARGET,
        'system messages take text only',
      );
    }
    return withCacheControl({ type: 'text' as const, text: part.text }, part, partPath);
  });
}

function convertUserContent(content: MessageContent, path: string): string | UserBlock[] {
  if (content == null) return '';
  if (typeof content === 'string') return content;
  return content.map((part, j) => convertUserPart(part, `${path}.content[${j}]`));
}

function convertUserPart(part: ContentPart, path: string): UserBlock {
  switch (part.type) {
    case 'text':
      return withCacheControl({ type: 'text', text: part.text }, part, path);
    case 'refusal':
      return withCacheControl({ type: 'text', text: part.refusal }, part, path);
    case 'image_url':
      // `detail` has no Anthropic equivalent; Anthropic sizes images itself.
      return withCacheControl(
        convertImage(part.image_url.url, `${path}.image_url.url`),
        part,
        path,
      );
    case 'file':
      return withCacheControl(convertFile(part.file, path), part, path);
    case 'input_audio':
      throw new UnsupportedParameterError(
        `${path}.input_audio`,
        TARGET,
        'Anthropic has no audio input',
      );
  }
}

interface DataUrl {
  mediaType: string;
  data: string;
}

/** Parses `data:<media type>;base64,<data>`; other data URLs (not base64) are not accepted. */
function parseDataUrl(url: string): DataUrl | undefined {
  const match = /^data:([^;,]+)((?:;[^;,]*)*);base64,(.*)$/s.exec(url);
  if (!match) return undefined;
  return { mediaType: (match[1] ?? '').toLowerCase(), data: match[3] ?? '' };
}

function convertImage(url: string, path: string): AnthropicImageBlock {
  if (url.startsWith('data:')) {
    const parsed = parseDataUrl(url);
    const mediaType = anthropicImageMediaTypes.find((type) => type === parsed?.mediaType);
    if (!parsed || !mediaType) {
      throw new UnsupportedParameterError(
        path,
        TARGET,
        `images must be base64 data URLs of ${anthropicImageMediaTypes.join(', ')}`,
      );
    }
    return { type: 'image', source: { type: 'base64', media_type: mediaType, data: parsed.data } };
  }
  if (/^https?:\/\//i.test(url)) return { type: 'image', source: { type: 'url', url } };
  throw new InvalidRequestError(`${path} must be an http(s) URL or a base64 data URL`, {
    param: path,
  });
}

/** OpenAI `file` parts carry PDFs (§1.3) → Anthropic `document` blocks (§2.4). */
function convertFile(
  file: {
    file_id?: string | undefined;
    filename?: string | undefined;
    file_data?: string | undefined;
  },
  path: string,
): AnthropicDocumentBlock {
  if (file.file_id !== undefined) {
    throw new UnsupportedParameterError(
      `${path}.file.file_id`,
      TARGET,
      'file ids are not portable; send file_data',
    );
  }
  if (file.file_data === undefined) {
    throw new InvalidRequestError(`${path}.file needs file_data`, {
      param: `${path}.file.file_data`,
    });
  }
  const title = file.filename !== undefined ? { title: file.filename } : {};
  const dataUrl = file.file_data.startsWith('data:') ? parseDataUrl(file.file_data) : undefined;
  if (!dataUrl) {
    if (file.file_data.startsWith('data:')) {
      throw new InvalidRequestError(`${path}.file.file_data must be base64`, {
        param: `${path}.file.file_data`,
      });
    }
    // Bare base64: OpenAI only accepts PDFs in file parts, so that is what it is.
    return {
      type: 'document',
      source: { type: 'base64', media_type: 'application/pdf', data: file.file_data },
      ...title,
    };
  }
  if (dataUrl.mediaType === 'application/pdf') {
    return {
      type: 'document',
      source: { type: 'base64', media_type: 'application/pdf', data: dataUrl.data },
      ...title,
    };
  }
  if (dataUrl.mediaType === 'text/plain') {
    const text = Buffer.from(dataUrl.data, 'base64').toString('utf8');
    return {
      type: 'document',
      source: { type: 'text', media_type: 'text/plain', data: text },
      ...title,
    };
  }
  throw new UnsupportedParameterError(
    `${path}.file.file_data`,
    TARGET,
    'documents must be application/pdf or text/plain',
  );
}

function convertAssistant(
  message: Extract<ChatMessage, { role: 'assistant' }>,
  path: string,
): string | AnthropicRequestBlock[] {
  // `reasoning_content` is not replayed: Anthropic only accepts thinking blocks with the
  // signature it issued, which the canonical format does not carry.
  const toolCalls = message.tool_calls ?? [];
  if (toolCalls.length === 0 && typeof message.content === 'string') return message.content;
  const blocks: AnthropicRequestBlock[] = [];
  if (typeof message.content === 'string') {
    // Anthropic rejects empty text blocks, and `""` next to tool calls means "no text".
    if (message.content !== '') blocks.push({ type: 'text', text: message.content });
  } else if (message.content) {
    message.content.forEach((part, j) => {
      const partPath = `${path}.content[${j}]`;
      if (part.type === 'text')
        blocks.push(withCacheControl({ type: 'text', text: part.text }, part, partPath));
      else if (part.type === 'refusal') blocks.push({ type: 'text', text: part.refusal });
      else
        throw new UnsupportedParameterError(
          `${partPath}.type`,
          TARGET,
          'assistant messages take text only',
        );
    });
  }
  toolCalls.forEach((call, j) => blocks.push(convertToolCall(call, `${path}.tool_calls[${j}]`)));
  return blocks;
}

function convertToolCall(call: ToolCall, path: string): AnthropicToolUseBlock {
  const argumentsPath = `${path}.function.arguments`;
  let input: unknown;
  try {
    // An empty string is how several clients write "no arguments".
    input = call.function.arguments.trim() === '' ? {} : JSON.parse(call.function.arguments);
  } catch {
    throw new InvalidRequestError(`${argumentsPath} is not valid JSON`, { param: argumentsPath });
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidRequestError(`${argumentsPath} must be a JSON object`, {
      param: argumentsPath,
    });
  }
  const block: AnthropicToolUseBlock = {
    type: 'tool_use',
    id: call.id,
    name: call.function.name,
    input: input as Record<string, unknown>,
  };
  return withCacheControl(block, call, path);
}

function convertToolResult(
  message: Extract<ChatMessage, { role: 'tool' }>,
  path: string,
): AnthropicToolResultBlock {
  const content =
    typeof message.content === 'string'
      ? message.content
      : message.content.map((part, j) => convertUserPart(part, `${path}.content[${j}]`));
  const block: AnthropicToolResultBlock = {
    type: 'tool_result',
    tool_use_id: message.tool_call_id,
    content,
  };
  // `is_error` is an extension on the tool message (set by the Anthropic ingress).
  if ('is_error' in message && typeof message.is_error === 'boolean')
    block.is_error = message.is_error;
  return withCacheControl(block, message, path);
}
