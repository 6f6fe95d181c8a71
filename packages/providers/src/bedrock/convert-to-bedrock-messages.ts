import { InvalidRequestError } from '@switchyard/errors';
import type { ChatMessage, ContentPart, ToolCall } from '../spec/chat-request.js';
import type {
  BedrockContentBlock,
  BedrockDocumentFormat,
  BedrockImageFormat,
  BedrockMessage,
} from './bedrock-api.js';
import { parseDataUrl } from './parse-data-url.js';

/** Refuses or records an unsupported value; returns whether it may be used. */
type Gate = (param: string, allowed: boolean, hint?: string) => boolean;

const imageFormats: Readonly<Record<string, BedrockImageFormat>> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

const documentFormats: Readonly<Record<string, BedrockDocumentFormat>> = {
  'application/pdf': 'pdf',
  'text/csv': 'csv',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/html': 'html',
  'text/plain': 'txt',
  'text/markdown': 'md',
};

/**
 * OpenAI messages → Converse `system` blocks + `messages` (reference §4.10). Converse wants
 * strictly alternating user/assistant turns, so consecutive messages of one role (e.g. several
 * tool results, or tool results followed by a user message) are merged into one turn; tool
 * results are `toolResult` blocks in a user turn. Images must be bytes: URLs are refused.
 */
export function convertToBedrockMessages(
  messages: readonly ChatMessage[],
  gate: Gate,
): { system: { text: string }[]; messages: BedrockMessage[] } {
  if (messages.some((message) => message.name !== undefined)) {
    gate('messages[].name', false, 'Converse has no participant names');
  }
  if (messages.some((message) => message.role === 'assistant' && message.reasoning_content)) {
    gate('messages[].reasoning_content', false, 'Converse cannot replay unsigned reasoning text');
  }

  const system: { text: string }[] = [];
  const turns: BedrockMessage[] = [];
  const documents = { count: 0 };
  const append = (role: BedrockMessage['role'], content: BedrockContentBlock[]) => {
    if (content.length === 0) return;
    const previous = turns.at(-1);
    if (previous?.role === role) previous.content.push(...content);
    else turns.push({ role, content });
  };

  messages.forEach((message, index) => {
    const path = `messages[${index}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(...convertTextOnly(message.content, path));
        return;
      case 'user':
        append('user', convertUserContent(message.content, path, gate, documents));
        return;
      case 'assistant': {
        const blocks: BedrockContentBlock[] = message.content
          ? convertTextOnly(message.content, path)
          : [];
        if (message.refusal) blocks.push({ text: message.refusal });
        (message.tool_calls ?? []).forEach((call, callIndex) => {
          blocks.push(convertToolCall(call, `${path}.tool_calls[${callIndex}]`));
        });
        append('assistant', blocks);
        return;
      }
      case 'tool': {
        const text = convertTextOnly(message.content, path)
          .map((block) => block.text)
          .join('');
        append('user', [{ toolResult: { toolUseId: message.tool_call_id, content: [{ text }] } }]);
        return;
      }
    }
  });
  return { system, messages: turns };
}

/** True when the history holds tool blocks, which Converse only accepts alongside toolConfig. */
export function hasToolHistory(messages: readonly BedrockMessage[]): boolean {
  return messages.some((message) =>
    message.content.some((block) => 'toolUse' in block || 'toolResult' in block),
  );
}

/** Converse rejects blank text blocks, so empty strings are left out rather than sent. */
function convertTextOnly(content: string | ContentPart[], path: string): { text: string }[] {
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  return content.flatMap((part, index) => {
    if (part.type === 'text') return part.text === '' ? [] : [{ text: part.text }];
    if (part.type === 'refusal') return [{ text: part.refusal }];
    throw new InvalidRequestError(
      `${path}.content[${index}]: only text parts are allowed in this message.`,
      {
        param: `${path}.content[${index}]`,
      },
    );
  });
}

function convertUserContent(
  content: string | ContentPart[],
  path: string,
  gate: Gate,
  documents: { count: number },
): BedrockContentBlock[] {
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  return content.flatMap((part, index): BedrockContentBlock[] => {
    const partPath = `${path}.content[${index}]`;
    switch (part.type) {
      case 'text':
        return part.text === '' ? [] : [{ text: part.text }];
      case 'refusal':
        return [{ text: part.refusal }];
      case 'image_url': {
        const detail = part.image_url.detail;
        if (detail !== undefined && detail !== 'auto') {
          gate(`${partPath}.image_url.detail`, false, 'Converse has no per-image detail level');
        }
        if (!parseDataUrl(part.image_url.url)) {
          // Converse takes image bytes (or S3 locations), never URLs, and adapters do no I/O to
          // fetch one: an image link is an unsupported parameter (refused, or dropped by policy).
          gate(
            `${partPath}.image_url.url`,
            false,
            'send the image as a base64 data URL; Converse cannot fetch links',
          );
          return [];
        }
        return [convertImage(part.image_url.url, `${partPath}.image_url.url`)];
      }
      case 'input_audio':
        throw new InvalidRequestError(
          `${partPath}: Amazon Bedrock Converse does not accept audio input.`,
          {
            param: `${partPath}.input_audio`,
          },
        );
      case 'file':
        return [convertDocument(part.file, partPath, ++documents.count)];
    }
  });
}

function convertImage(url: string, param: string): BedrockContentBlock {
  const dataUrl = parseDataUrl(url);
  if (!dataUrl) {
    // Converse takes image bytes (or S3 locations), never URLs; adapters do no I/O to fetch one.
    throw new InvalidRequestError(
      `${param}: Amazon Bedrock Converse needs the image bytes; send the image as a base64 data URL.`,
      { param },
    );
  }
  const format = imageFormats[dataUrl.mediaType];
  if (format === undefined) {
    throw new InvalidRequestError(
      `${param}: image type ${dataUrl.mediaType} is not one of png, jpeg, gif, webp.`,
      {
        param,
      },
    );
  }
  return { image: { format, source: { bytes: dataUrl.base64 } } };
}

function convertDocument(
  file: {
    file_id?: string | undefined;
    filename?: string | undefined;
    file_data?: string | undefined;
  },
  path: string,
  ordinal: number,
): BedrockContentBlock {
  if (file.file_data === undefined) {
    throw new InvalidRequestError(
      `${path}.file: OpenAI file ids cannot be resolved for Amazon Bedrock; send file_data instead.`,
      { param: `${path}.file.file_id` },
    );
  }
  // Bare base64 is what OpenAI accepts for its only chat file type, PDF (reference §1.3 ⚠).
  const dataUrl = parseDataUrl(file.file_data);
  const format = dataUrl ? documentFormats[dataUrl.mediaType] : 'pdf';
  if (format === undefined) {
    throw new InvalidRequestError(
      `${path}.file.file_data: document type ${dataUrl?.mediaType} is not supported.`,
      {
        param: `${path}.file.file_data`,
      },
    );
  }
  return {
    document: {
      format,
      name: documentName(file.filename, ordinal),
      source: { bytes: dataUrl?.base64 ?? file.file_data },
    },
  };
}

/**
 * Converse document names may only hold letters, digits, single spaces, hyphens, parentheses and
 * square brackets (no dots), so the extension is dropped and other characters become hyphens.
 */
function documentName(filename: string | undefined, ordinal: number): string {
  const name = (filename ?? '')
    .replace(/\.[^.]*$/, '')
    .replace(/[^A-Za-z0-9\s\-()[\]]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  return name === '' ? `document-${ordinal}` : name;
}

function convertToolCall(call: ToolCall, path: string): BedrockContentBlock {
  let input: unknown;
  try {
    input = call.function.arguments.trim() === '' ? {} : JSON.parse(call.function.arguments);
  } catch {
    throw new InvalidRequestError(`${path}.function.arguments is not valid JSON.`, {
      param: `${path}.function.arguments`,
    });
  }
  if (!isRecord(input)) {
    throw new InvalidRequestError(`${path}.function.arguments must be a JSON object.`, {
      param: `${path}.function.arguments`,
    });
  }
  return { toolUse: { toolUseId: call.id, name: call.function.name, input } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
