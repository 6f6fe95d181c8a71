import { readFileSync } from 'node:fs';

/**
 * Test helpers for replaying the recorded Anthropic fixtures (copied from
 * shared/fixtures/recorded/, see its README) as the API sends them on the wire.
 */

export function readFixture(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
}

export function readJsonFixture(name: string): unknown {
  return JSON.parse(readFixture(name));
}

/** The `data` lines of a `*.chunks.txt` recording. */
export function readChunkLines(name: string): string[] {
  return readFixture(name)
    .split('\n')
    .filter((line) => line.trim() !== '');
}

/** Frames data lines as Anthropic SSE: `event: <type>\ndata: <json>\n\n` (reference §2.6). */
export function frameAnthropicSse(lines: readonly string[]): string {
  return lines
    .map((line) => {
      const { type } = JSON.parse(line) as { type: string };
      return `event: ${type}\ndata: ${line}\n\n`;
    })
    .join('');
}

/** Cuts text into byte slices of `size`, splitting lines, events and UTF-8 characters. */
export function sliceBytes(text: string, size: number): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const slices: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += size)
    slices.push(bytes.slice(offset, offset + size));
  return slices;
}
