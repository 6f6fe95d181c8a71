import type OpenAI from 'openai';
import { expect } from 'vitest';
import type { AdapterDescriptor } from './support/adapter-descriptors.js';
import type { HarnessAccess } from './support/conformance-harness.js';
import { contractTest, supports, type CapabilityId } from './support/conformance-report.js';
import { expectRefusedThenDropped, type ParameterName } from './support/expect-refusal.js';
import { probeValues, type ImageInput, type ProbedParameter } from './support/provider-families.js';

const citySchema = {
  type: 'object',
  properties: { city: { type: 'string' }, population: { type: 'integer' } },
  required: ['city', 'population'],
  additionalProperties: false,
};
const cityJson = '{"city":"Paris","population":2102650}';

/** A 1×1 transparent PNG. */
const pngBase64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const imagePrompt = 'What is in this picture?';
const images: Readonly<Record<'image-url' | 'image-base64', ImageInput>> = {
  'image-url': { kind: 'url', url: 'https://images.example.com/cat.png', mediaType: 'image/png' },
  'image-base64': { kind: 'base64', data: pngBase64, mediaType: 'image/png' },
};

const parameterColumns: Readonly<Record<ProbedParameter, CapabilityId>> = {
  logprobs: 'logprobs',
  n: 'n',
  seed: 'seed',
  reasoning_effort: 'reasoning-effort',
};

/**
 * The request surface beyond plain text: structured output, images and the parameters a
 * provider may or may not have. Each supported one must reach the provider in its native form
 * (asserted on the request the mock recorded); each unsupported one is refused or dropped.
 */
export function defineRequestMappingContract(
  adapter: AdapterDescriptor,
  harness: HarnessAccess,
): void {
  const base = {
    model: adapter.model,
    messages: [{ role: 'user' as const, content: 'Which city?' }],
  };
  const jsonSchemaRequest: OpenAI.ChatCompletionCreateParamsNonStreaming = {
    ...base,
    response_format: {
      type: 'json_schema',
      json_schema: { name: 'city', schema: citySchema, strict: true },
    },
  };
  const jsonObjectRequest: OpenAI.ChatCompletionCreateParamsNonStreaming = {
    ...base,
    messages: [{ role: 'user', content: 'Which city? Answer in JSON.' }],
    response_format: { type: 'json_object' },
  };

  if (supports(adapter, 'json-schema')) {
    contractTest(
      adapter,
      'json-schema',
      'sends response_format json_schema in the native form and returns the JSON',
      async () => {
        harness().mock.setScenario({ kind: 'text', text: cityJson });
        const completion = await harness().openai().chat.completions.create(jsonSchemaRequest);
        expect(JSON.parse(completion.choices[0]?.message.content ?? '')).toEqual({
          city: 'Paris',
          population: 2102650,
        });
        expect(harness().chatRequests(adapter)[0]!.body).toMatchObject(
          adapter.family.jsonSchema('city', citySchema),
        );
      },
    );
  } else {
    contractTest(
      adapter,
      'json-schema',
      'refuses json_schema output (not supported by the provider), or drops it',
      () => expectRefusedThenDropped(harness(), adapter, jsonSchemaRequest, 'response_format'),
    );
  }

  const jsonObject = adapter.family.jsonObject;
  if (supports(adapter, 'json-object') && jsonObject) {
    contractTest(adapter, 'json-object', 'sends JSON mode in the native form', async () => {
      harness().mock.setScenario({ kind: 'text', text: cityJson });
      const completion = await harness().openai().chat.completions.create(jsonObjectRequest);
      expect(JSON.parse(completion.choices[0]?.message.content ?? '')).toMatchObject({
        city: 'Paris',
      });
      expect(harness().chatRequests(adapter)[0]!.body).toMatchObject(jsonObject);
    });
  } else {
    contractTest(
      adapter,
      'json-object',
      'refuses JSON mode (not supported by the provider), or drops it',
      () => expectRefusedThenDropped(harness(), adapter, jsonObjectRequest, 'response_format'),
    );
  }

  for (const column of ['image-url', 'image-base64'] as const) {
    const image = images[column];
    const request: OpenAI.ChatCompletionCreateParamsNonStreaming = {
      model: adapter.model,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: imagePrompt },
            {
              type: 'image_url',
              image_url: {
                url:
                  image.kind === 'url' ? image.url : `data:${image.mediaType};base64,${image.data}`,
              },
            },
          ],
        },
      ],
    };
    if (supports(adapter, column)) {
      contractTest(
        adapter,
        column,
        `sends an image (${image.kind}) in the native form`,
        async () => {
          harness().mock.setScenario({ kind: 'text', text: 'A cat.' });
          const completion = await harness().openai().chat.completions.create(request);
          expect(completion.choices[0]?.message.content).toBe('A cat.');
          expect(harness().chatRequests(adapter)[0]!.body).toMatchObject(
            adapter.family.image(imagePrompt, image),
          );
        },
      );
    } else {
      contractTest(
        adapter,
        column,
        `refuses an image (${image.kind}) (not supported by the provider), or drops it`,
        () =>
          expectRefusedThenDropped(
            harness(),
            adapter,
            request,
            /image_url/,
            image.kind === 'url' ? image.url : image.data,
          ),
      );
    }
  }

  for (const [param, column] of Object.entries(parameterColumns) as [
    ProbedParameter,
    CapabilityId,
  ][]) {
    const request = {
      ...base,
      [param]: probeValues[param],
    } as OpenAI.ChatCompletionCreateParamsNonStreaming;
    const native = adapter.family.parameter(param, adapter.renamedParameters ?? {});
    if (supports(adapter, column)) {
      contractTest(adapter, column, `forwards ${param} in the native form`, async () => {
        harness().mock.setScenario({ kind: 'text', text: 'Paris.' });
        const { response } = await harness()
          .openai()
          .chat.completions.create(request)
          .withResponse();
        expect(response.headers.get('x-switchyard-dropped-params')).toBeNull();
        expect(
          native,
          `the suite knows no native form of ${param} for ${adapter.family.name}`,
        ).toBeDefined();
        expect(harness().chatRequests(adapter)[0]!.body).toMatchObject(native!);
      });
    } else {
      contractTest(
        adapter,
        column,
        `refuses ${param} (not supported by the provider), or drops it`,
        () => expectRefusedThenDropped(harness(), adapter, request, param satisfies ParameterName),
      );
    }
  }
}
