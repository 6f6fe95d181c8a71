import { z } from 'zod';

/** `POST /v1/embeddings` body (https://platform.openai.com/docs/api-reference/embeddings/create). */
export const embeddingsRequestSchema = z
  .object({
    model: z.string().min(1),
    input: z.union([
      z.string().min(1, 'must not be empty'),
      z.array(z.string().min(1, 'must not be empty')).min(1).max(2048),
      z.array(z.number().int().min(0)).min(1),
      z
        .array(z.array(z.number().int().min(0)).min(1))
        .min(1)
        .max(2048),
    ]),
    encoding_format: z.enum(['float', 'base64']).optional(),
    dimensions: z.number().int().min(1).optional(),
    user: z.string().optional(),
  })
  .loose();
export type EmbeddingsRequestBody = z.infer<typeof embeddingsRequestSchema>;

/** Encodes float embeddings as base64 little-endian float32, as OpenAI does for `base64`. */
export function encodeEmbeddingBase64(values: readonly number[]): string {
  const buffer = Buffer.allocUnsafe(values.length * 4);
  values.forEach((value, index) => buffer.writeFloatLE(value, index * 4));
  return buffer.toString('base64');
}
