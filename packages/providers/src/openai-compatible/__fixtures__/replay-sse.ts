import { readFileSync } from 'node:fs';
import type { StreamConverter } from '../../spec/adapter.js';
import type { ChatCompletionChunk } from '../../spec/chat-response.js';

/** Test helpers: replay recorded `*.chunks.txt` fixtures the way the provider sends them. */

export const readText = (url: URL): string => readFileSync(url, 'utf8');
export const readJson = (url: URL): unknown => JSON.parse(readText(url));

/** The fixture's event lines (one JSON per line, reference fixtures README). */
export const chunkLines = (text: string): string[] =>
  text.split('\n').filter((line) => line.trim() !== '');

/** Frames lines as OpenAI-style SSE (`data: <line>\n\n`), ending with `data: [DONE]` by default. */
export function frameSse(lines: readonly string[], options: { done?: boolean } = {}): Uint8Array {
  const events = lines.map((line) => `data: ${line}\n\n`).join('');
  return new TextEncoder().encode(events + (options.done === false ? '' : 'data: [DONE]\n\n'));
}

/** Feeds bytes in fixed-size slices (splitting lines, events and UTF-8 characters), then finishes. */
export function feedInSlices(
  converter: StreamConverter,
  bytes: Uint8Array,
  size: number,
): ChatCompletionChunk[] {
  const chunks: ChatCompletionChunk[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) {
    chunks.push(...converter.push(bytes.subarray(offset, offset + size)));
  }
  chunks.push(...converter.finish());
  return chunks;
}

/** Joins one choice's streamed text fields, to compare with the full recorded text. */
export function joinDeltas(
  chunks: readonly ChatCompletionChunk[],
  field: 'content' | 'reasoning_content',
): string {
  return chunks
    .flatMap((chunk) => chunk.choices)
    .map((choice) => choice.delta[field] ?? '')
    .join('');
}

/** Runs `action` and returns what it threw, so tests can assert the error's fields. */
export function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}
