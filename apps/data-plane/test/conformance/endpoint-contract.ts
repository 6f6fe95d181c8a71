import { expect } from 'vitest';
import type { AdapterDescriptor } from './support/adapter-descriptors.js';
import type { HarnessAccess } from './support/conformance-harness.js';
import { contractTest, supports } from './support/conformance-report.js';
import { openAiError } from './error-contract.js';

const inputs = ['The quick brown fox', 'jumps over the lazy dog'];

/**
 * `POST /v1/embeddings` and legacy `POST /v1/completions`. An adapter without the endpoint
 * cannot have it dropped, only refused: both tenants get a 400 naming `model`.
 */
export function defineEndpointContract(adapter: AdapterDescriptor, harness: HarnessAccess): void {
  if (supports(adapter, 'embeddings')) {
    contractTest(adapter, 'embeddings', 'embeds a batch of texts as floats', async () => {
      const { data, response } = await harness()
        .openai()
        .embeddings.create({ model: adapter.model, input: inputs, encoding_format: 'float' })
        .withResponse();
      expect(data.data.map((item) => item.index)).toEqual([0, 1]);
      for (const item of data.data) {
        expect(item.embedding.length).toBeGreaterThan(0);
        expect(item.embedding.every((value) => Number.isFinite(value))).toBe(true);
      }
      expect(data.data[0]!.embedding).not.toEqual(data.data[1]!.embedding);
      // Usage is the provider's own count (Gemini reports none: 0); the request is billed anyway.
      expect(data.usage.prompt_tokens).toBeGreaterThanOrEqual(0);
      expect(response.headers.get('x-switchyard-provider')).toBe(adapter.id);
      const cost = BigInt(response.headers.get('x-switchyard-cost-nano-usd') ?? '0');
      expect(cost, 'billed cost in x-switchyard-cost-nano-usd').toBeGreaterThan(0n);
      expect(
        harness().mock.requests.filter((request) => request.dialect === adapter.family.dialect),
      ).toHaveLength(1);
    });

    // The SDK asks for base64 unless told otherwise, and decodes it: what every default call does.
    contractTest(
      adapter,
      'embeddings',
      'answers the SDK default (base64) with the same vectors',
      async () => {
        const floats = await harness()
          .openai()
          .embeddings.create({ model: adapter.model, input: inputs, encoding_format: 'float' });
        const decoded = await harness()
          .openai()
          .embeddings.create({ model: adapter.model, input: inputs });
        expect(decoded.data).toHaveLength(2);
        decoded.data.forEach((item, index) => {
          const expected = floats.data[index]!.embedding;
          expect(item.embedding).toHaveLength(expected.length);
          item.embedding
            .slice(0, 8)
            .forEach((value, position) => expect(value).toBeCloseTo(expected[position]!, 5));
        });
      },
    );

    // EXPECTED TO FAIL until execute-embeddings.ts records attempts on the request context as
    // they happen (`attempts: context.attempts`, as the chat path now does): today 0.
    contractTest(
      adapter,
      'error-headers',
      'says on embeddings errors how many upstream attempts were made',
      async () => {
        harness().mock.setFaults({ status: 500, dialect: adapter.family.dialect });
        const error = await openAiError(
          harness()
            .openai()
            .embeddings.create({
              model: harness().faultModel(adapter, 'embeddings-errors'),
              input: inputs,
              encoding_format: 'float',
            }),
        );
        expect(error).toMatchObject({ status: 502, code: 'all_attempts_failed' });
        expect(error.headers?.get('x-switchyard-attempts')).toBe('2');
      },
    );
  } else {
    contractTest(
      adapter,
      'embeddings',
      'refuses embeddings (not supported by the provider) in both policies',
      async () => {
        for (const key of [harness().key, harness().dropKey]) {
          await expect(
            harness().openai(key).embeddings.create({ model: adapter.model, input: inputs }),
          ).rejects.toMatchObject({
            status: 400,
            code: 'unsupported_endpoint',
            param: 'model',
          });
        }
        expect(harness().mock.requests).toHaveLength(0);
      },
    );
  }

  if (supports(adapter, 'completions')) {
    contractTest(adapter, 'completions', 'serves legacy completions', async () => {
      harness().mock.setScenario({ kind: 'text', text: 'Hello there.' });
      const { data, response } = await harness()
        .openai()
        .completions.create({ model: adapter.model, prompt: 'Say hello', max_tokens: 16 })
        .withResponse();
      expect(data.object).toBe('text_completion');
      expect(data.choices[0]?.text).toBe('Hello there.');
      expect(data.usage?.completion_tokens).toBeGreaterThan(0);
      expect(response.headers.get('x-switchyard-provider')).toBe(adapter.id);
      expect(harness().mock.requests.at(-1)?.body).toMatchObject({
        prompt: 'Say hello',
        max_tokens: 16,
      });
    });

    // EXPECTED TO FAIL until execute-completions.ts records attempts on the request context as
    // they happen (`attempts: context.attempts`, as the chat path now does): today 0.
    contractTest(
      adapter,
      'error-headers',
      'says on completions errors how many upstream attempts were made',
      async () => {
        harness().mock.setFaults({ status: 500, dialect: adapter.family.dialect });
        const error = await openAiError(
          harness()
            .openai()
            .completions.create({
              model: harness().faultModel(adapter, 'completions-errors'),
              prompt: 'Say hello',
              max_tokens: 16,
            }),
        );
        expect(error).toMatchObject({ status: 502, code: 'all_attempts_failed' });
        expect(error.headers?.get('x-switchyard-attempts')).toBe('2');
      },
    );
  } else {
    contractTest(
      adapter,
      'completions',
      'refuses legacy completions (not supported by the provider) in both policies',
      async () => {
        for (const key of [harness().key, harness().dropKey]) {
          await expect(
            harness()
              .openai(key)
              .completions.create({ model: adapter.model, prompt: 'Say hello', max_tokens: 16 }),
          ).rejects.toMatchObject({ status: 400, code: 'unsupported_endpoint', param: 'model' });
        }
        expect(harness().mock.requests).toHaveLength(0);
      },
    );
  }
}
