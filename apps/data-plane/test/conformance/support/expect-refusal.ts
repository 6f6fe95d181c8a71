import type OpenAI from 'openai';
import { expect } from 'vitest';
import type { AdapterDescriptor } from './adapter-descriptors.js';
import type { ConformanceHarness } from './conformance-harness.js';

/** A parameter name, exactly, or a pattern for nested paths (`messages[0].content[1].image_url.url`). */
export type ParameterName = string | RegExp;

function nameMatcher(param: ParameterName): unknown {
  return typeof param === 'string' ? param : expect.stringMatching(param);
}

/**
 * Proves how the gateway handles a parameter the adapter declares it cannot honour:
 * - a tenant that rejects unsupported parameters gets a 400 `unsupported_parameter` naming it,
 *   and nothing reaches the provider;
 * - a tenant that drops them gets a 200, `x-switchyard-dropped-params` naming it, and the
 *   provider never sees it.
 */
export async function expectRefusedThenDropped(
  harness: ConformanceHarness,
  adapter: AdapterDescriptor,
  request: OpenAI.ChatCompletionCreateParamsNonStreaming,
  param: ParameterName,
  /** Text that must not reach the provider once dropped (e.g. the image URL). */
  absentText?: string,
): Promise<void> {
  await expect(harness.openai().chat.completions.create(request)).rejects.toMatchObject({
    status: 400,
    type: 'invalid_request_error',
    code: 'unsupported_parameter',
    param: nameMatcher(param),
    message:
      typeof param === 'string'
        ? expect.stringContaining(`'${param}'`)
        : expect.stringMatching(param),
  });
  expect(harness.chatRequests(adapter)).toHaveLength(0);

  const { response } = await harness
    .openai(harness.dropKey)
    .chat.completions.create(request)
    .withResponse();
  expect(response.status).toBe(200);
  const dropped = (response.headers.get('x-switchyard-dropped-params') ?? '').split(',');
  expect(dropped).toContainEqual(nameMatcher(param));
  const upstream = harness.chatRequests(adapter);
  expect(upstream).toHaveLength(1);
  if (typeof param === 'string') expect(upstream[0]!.body).not.toHaveProperty(param);
  if (absentText !== undefined) expect(upstream[0]!.rawBody).not.toContain(absentText);
}
