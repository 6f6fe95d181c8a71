import type { EmbeddingsResponse, MappedResponse, UpstreamTarget } from '../spec/adapter.js';
import { emptyUsage } from '../spec/usage.js';
import {
  geminiBatchEmbedContentsResponseSchema,
  geminiEmbedContentResponseSchema,
} from './gemini-api.js';
import { geminiMalformedResponseError } from './gemini-error.js';

/**
 * `{embedding:{values}}` or `{embeddings:[{values}]}` → OpenAI embeddings list.
 * The Developer API returns no token counts for embeddings (⚠ reference §3.5), so usage is
 * reported as 0 here rather than guessed; the data plane estimates billable tokens from the input.
 */
export function convertGeminiEmbeddingsResponse(
  body: unknown,
  target: UpstreamTarget,
): MappedResponse<EmbeddingsResponse> {
  const single = geminiEmbedContentResponseSchema.safeParse(body);
  const batch = single.success ? undefined : geminiBatchEmbedContentsResponseSchema.safeParse(body);
  let vectors: number[][];
  if (single.success) vectors = [single.data.embedding.values];
  else if (batch?.success) vectors = batch.data.embeddings.map((embedding) => embedding.values);
  else throw geminiMalformedResponseError('neither embedding nor embeddings');

  return {
    body: {
      object: 'list',
      model: target.model,
      data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })),
      usage: { prompt_tokens: 0, total_tokens: 0 },
    },
    usage: emptyUsage(),
    servedModel: target.model,
  };
}
