import { createHash } from 'node:crypto';

/**
 * Deterministic unit vectors: the same (model, text, dimensions) always embeds to the same
 * values, so tests can compare embeddings across calls and providers without fixtures.
 */
export function embeddingVector(model: string, text: string, dimensions: number): number[] {
  const seed = createHash('sha256').update(`${model}\u0000${text}`).digest();
  let state = seed.readUInt32LE(0) || 1;
  const values: number[] = [];
  let sumOfSquares = 0;
  for (let index = 0; index < dimensions; index += 1) {
    // xorshift32: cheap, deterministic, good enough to look like an embedding.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    const value = state / 0xffffffff - 0.5;
    values.push(value);
    sumOfSquares += value * value;
  }
  const norm = Math.sqrt(sumOfSquares) || 1;
  // Round through float32, the precision providers actually return.
  return values.map((value) => Math.fround(value / norm));
}

/** OpenAI's `encoding_format: "base64"`: little-endian float32 bytes, base64-encoded. */
export function encodeFloat32Base64(values: number[]): string {
  const buffer = Buffer.alloc(values.length * 4);
  values.forEach((value, index) => buffer.writeFloatLE(value, index * 4));
  return buffer.toString('base64');
}

/** Default sizes of well-known embedding models; 1536 otherwise. */
export function defaultEmbeddingDimensions(model: string): number {
  if (model.includes('text-embedding-3-large') || model.includes('gemini-embedding')) return 3072;
  if (model.includes('text-embedding-004') || model.includes('embedding-001')) return 768;
  if (model.includes('mistral-embed')) return 1024;
  return 1536;
}

/** Rough token count (4 characters a token) for usage fields. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
