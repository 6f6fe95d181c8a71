import { InvalidRequestError } from '@switchyard/errors';
import type { ChatMessage, ContentPart, ToolCall } from '../spec/chat-request.js';
import type { GeminiContent, GeminiPart } from './gemini-api.js';
import { parseDataUrl } from './parse-data-url.js';

/** Refuses or records an unsupported value; returns whether it may be used. */
type Gate = (param: string, allowed: boolean, hint?: string) => boolean;

/**
 * Google's documented placeholder for a `functionCall` whose thought signature we do not have.
 * Gemini 3 rejects replayed function calls without a signature (reference §3.2 "Thought
 * signatures"); adapters are stateless and OpenAI clients do not echo signatures back, so every
 * replayed model turn carries this sentinel on its first function call, as vercel/ai does.
 * https://ai.google.dev/gemini-api/docs/thought-signatures#faqs
 */
export const skipThoughtSignature = 'skip_thought_signature_validator';

/** Image types Gemini accepts, by URL extension (⚠ reference §3.2: https support varies). */
const imageMediaTypes: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
};

/**
 * OpenAI messages → Gemini `systemInstruction` + `contents` (reference §3.7). System and
 * developer messages are hoisted into `systemInstruction`; assistant → `model`; consecutive tool
 * messages become one `user` turn of `functionResponse` parts whose `name` is looked up from the
 * assistant tool call with the same id, because Gemini identifies results by function name.
 */
export function convertToGeminiContents(
  messages: readonly ChatMessage[],
  gate: Gate,
): { systemInstruction?: { parts: GeminiPart[] }; contents: GeminiContent[] } {
  if (messages.some((message) => message.name !== undefined)) {
    gate('messages[].name', false, 'Gemini has no participant names');
  }
  if (messages.some((message) => message.role === 'assistant' && message.reasoning_content)) {
    gate('messages[].reasoning_content', false, 'Gemini cannot replay reasoning text');
  }

  const systemParts: GeminiPart[] = [];
  const contents: GeminiContent[] = [];
  const toolNames = new Map<string, string>();

  messages.forEach((message, index) => {
    const path = `messages[${index}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        systemParts.push(...convertTextOnly(message.content, path));
        return;
      case 'user':
        pushContent(contents, 'user', convertUserContent(message.content, path, gate));
        return;
      case 'assistant': {
        const parts = message.content ? convertTextOnly(message.content, path) : [];
        if (message.refusal) parts.push({ text: message.refusal });
        const calls = (message.tool_calls ?? []).map((call, callIndex) => {
          toolNames.set(call.id, call.function.name);
          return convertToolCall(call, `${path}.tool_calls[${callIndex}]`, callIndex === 0);
        });
        pushContent(contents, 'model', [...parts, ...calls]);
        return;
      }
      case 'tool': {
        const name = toolNames.get(message.tool_call_id);
        if (name === undefined) {
          throw new InvalidRequestError(
            `${path}.tool_call_id '${message.tool_call_id}' does not match a tool call of an earlier assistant message; Gemini needs the function name.`,
            { param: `${path}.tool_call_id` },
          );
        }
        const text = convertTextOnly(message.content, path)
          .map((part) => part.text ?? '')
          .join('');
        // The response must be a JSON object (reference §3.2); vercel/ai sends {name, content}.
        const part: GeminiPart = { functionResponse: { name, response: { name, content: text } } };
        const previous = contents.at(-1);
        if (previous?.role === 'user' && previous.parts?.every((p) => p.functionResponse)) {
          previous.parts.push(part);
        } else {
          contents.push({ role: 'user', parts: [part] });
        }
        return;
      }
    }
  });

  return {
    ...(systemParts.length > 0 ? { systemInstruction: { parts: systemParts } } : {}),
    contents,
  };
}

/** Gemini rejects contents without parts, so an empty message is left out rather than sent. */
function pushContent(contents: GeminiContent[], role: 'user' | 'model', parts: GeminiPart[]): void {
  if (parts.length > 0) contents.push({ role, parts });
}

function convertTextOnly(content: string | ContentPart[], path: string): GeminiPart[] {
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  return content.flatMap((part, index): GeminiPart[] => {
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
): GeminiPart[] {
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  return content.flatMap((part, index): GeminiPart[] => {
    const partPath = `${path}.content[${index}]`;
    switch (part.type) {
      case 'text':
        return part.text === '' ? [] : [{ text: part.text }];
      case 'refusal':
        return [{ text: part.refusal }];
      case 'image_url': {
        const detail = part.image_url.detail;
        if (detail !== undefined && detail !== 'auto') {
          gate(`${partPath}.image_url.detail`, false, 'Gemini has no per-image detail level');
        }
        return [convertImageUrl(part.image_url.url, `${partPath}.image_url.url`)];
      }
      case 'input_audio': {
        // Reference §3.7: input_audio → inlineData audio/wav | audio/mp3.
        const format = part.input_audio.format;
        if (format !== 'wav' && format !== 'mp3') {
          throw new InvalidRequestError(`${partPath}.input_audio.format must be 'wav' or 'mp3'.`, {
            param: `${partPath}.input_audio.format`,
          });
        }
        return [{ inlineData: { mimeType: `audio/${format}`, data: part.input_audio.data } }];
      }
      case 'file':
        return [convertFile(part.file, partPath)];
    }
  });
}

function convertImageUrl(url: string, param: string): GeminiPart {
  const dataUrl = parseDataUrl(url);
  if (dataUrl) return { inlineData: { mimeType: dataUrl.mediaType, data: dataUrl.base64 } };
  if (url.startsWith('data:')) {
    throw new InvalidRequestError(`${param}: only base64 data URLs are supported.`, { param });
  }
  // Files API URIs carry their own media type; other URLs need one, guessed from the extension.
  // ⚠ Reference §3.2: whether Gemini fetches arbitrary https URLs varies — the robust path is a
  // data URL, which the error below recommends.
  if (/^https:\/\/generativelanguage\.googleapis\.com\/v1beta\/files\//.test(url)) {
    return { fileData: { fileUri: url } };
  }
  const extension = urlExtension(url);
  const mimeType = extension === undefined ? undefined : imageMediaTypes[extension];
  if (mimeType === undefined) {
    throw new InvalidRequestError(
      `${param}: cannot tell the image type from the URL; send the image as a base64 data URL.`,
      { param },
    );
  }
  return { fileData: { mimeType, fileUri: url } };
}

function convertFile(
  file: { file_id?: string | undefined; file_data?: string | undefined },
  path: string,
): GeminiPart {
  if (file.file_data === undefined) {
    throw new InvalidRequestError(
      `${path}.file: OpenAI file ids cannot be resolved for Gemini; send file_data instead.`,
      { param: `${path}.file.file_id` },
    );
  }
  // file_data is usually a data URL ⚠ (reference §1.3); bare base64 is what OpenAI accepts for
  // its only supported file type in chat, PDF.
  const dataUrl = parseDataUrl(file.file_data);
  return dataUrl
    ? { inlineData: { mimeType: dataUrl.mediaType, data: dataUrl.base64 } }
    : { inlineData: { mimeType: 'application/pdf', data: file.file_data } };
}

function convertToolCall(call: ToolCall, path: string, first: boolean): GeminiPart {
  let args: unknown;
  try {
    args = call.function.arguments.trim() === '' ? {} : JSON.parse(call.function.arguments);
  } catch {
    throw new InvalidRequestError(`${path}.function.arguments is not valid JSON.`, {
      param: `${path}.function.arguments`,
    });
  }
  if (!isRecord(args)) {
    throw new InvalidRequestError(`${path}.function.arguments must be a JSON object.`, {
      param: `${path}.function.arguments`,
    });
  }
  return {
    functionCall: { name: call.function.name, args },
    ...(first ? { thoughtSignature: skipThoughtSignature } : {}),
  };
}

function urlExtension(url: string): string | undefined {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return undefined;
  }
  return /\.([a-z0-9]+)$/i.exec(pathname)?.[1]?.toLowerCase();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
