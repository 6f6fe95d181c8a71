import OpenAI, { APIError } from 'openai';
import { expect } from 'vitest';
import type { MockFaultRule } from '@switchyard/testkit';
import type { AdapterDescriptor } from './support/adapter-descriptors.js';
import type { FaultLane, HarnessAccess } from './support/conformance-harness.js';
import { contractTest } from './support/conformance-report.js';

const hello: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Hello' }];

/** Awaits a call that must fail and returns the OpenAI SDK's error for closer inspection. */
export async function openAiError(call: Promise<unknown>): Promise<APIError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(APIError);
  return error as APIError;
}

interface AttemptDetail {
  code: string | null;
  status: number;
}

function attemptsOf(error: APIError): AttemptDetail[] {
  const body = error.error as { attempts?: AttemptDetail[] } | undefined;
  return body?.attempts ?? [];
}

/**
 * Every error class, through the gateway, in OpenAI's error dialect. Upstream faults are
 * injected into the mock for this adapter's dialect; the default failover policy applies
 * (3 attempts, 1 retry per target, retry-after honoured, 120 s deadline).
 */
export function defineErrorContract(adapter: AdapterDescriptor, harness: HarnessAccess): void {
  const fault = (rule: Omit<MockFaultRule, 'dialect'>) =>
    harness().mock.setFaults({ ...rule, dialect: adapter.family.dialect });
  const chat = (lane: FaultLane, stream = false) =>
    harness()
      .openai()
      .chat.completions.create({
        model: harness().faultModel(adapter, lane),
        messages: hello,
        stream,
      });

  contractTest(
    adapter,
    'upstream-errors',
    "passes an upstream 400 through with the provider's message",
    async () => {
      const message = 'conformance: max_tokens is too large for this model';
      fault({ status: 400, body: adapter.family.errorBody(400, message) });
      const error = await openAiError(chat('upstream-400'));
      expect(error).toMatchObject({
        status: 400,
        type: 'invalid_request_error',
        code: 'upstream_bad_request',
      });
      expect(error.message).toContain(message);
    },
  );

  contractTest(
    adapter,
    'upstream-errors',
    'answers a rejected upstream credential with a gateway error, never a 401',
    async () => {
      const error = await openAiError(
        harness()
          .openai()
          .chat.completions.create({ model: harness().revokedModel(adapter), messages: hello }),
      );
      // Our credential is not the caller's fault: 502, and failover moved on (there was nowhere to go).
      expect(error).toMatchObject({
        status: 502,
        type: 'server_error',
        code: 'all_attempts_failed',
      });
      expect(attemptsOf(error)).toEqual([
        expect.objectContaining({ code: 'upstream_authentication' }),
      ]);
      expect(harness().mock.requests).toHaveLength(1);
    },
  );

  for (const stream of [false, true]) {
    contractTest(
      adapter,
      'upstream-errors',
      `answers an upstream 429 with 503 and the provider's retry-after (${stream ? 'stream' : 'non-stream'})`,
      async () => {
        // A retry-after longer than the request's deadline: the gateway does not wait, it gives up
        // at once and hands the wait to the caller.
        fault({ status: 429, headers: { 'retry-after': '200' } });
        const error = await openAiError(chat(stream ? 'rate-limit-stream' : 'rate-limit', stream));
        expect(error).toMatchObject({
          status: 503,
          type: 'server_error',
          code: 'all_attempts_failed',
        });
        expect(error.headers?.get('retry-after')).toBe('200');
        expect(attemptsOf(error)).toEqual([
          expect.objectContaining({ code: 'upstream_rate_limited', status: 429 }),
        ]);
      },
    );
  }

  contractTest(
    adapter,
    'upstream-errors',
    'retries an upstream 500 once, then answers 502 listing both attempts',
    async () => {
      fault({ status: 500 });
      const error = await openAiError(chat('server-error'));
      expect(error).toMatchObject({
        status: 502,
        type: 'server_error',
        code: 'all_attempts_failed',
      });
      expect(attemptsOf(error)).toEqual([
        expect.objectContaining({ code: 'upstream_server_error' }),
        expect.objectContaining({ code: 'upstream_server_error' }),
      ]);
      expect(harness().mock.requests).toHaveLength(2);
    },
  );

  contractTest(
    adapter,
    'upstream-errors',
    'retries a reset connection once, then answers 502',
    async () => {
      fault({ connectionReset: true });
      const error = await openAiError(chat('connection-reset', true));
      expect(error).toMatchObject({ status: 502, code: 'all_attempts_failed' });
      expect(attemptsOf(error)).toEqual([
        expect.objectContaining({ code: 'upstream_connect_error' }),
        expect.objectContaining({ code: 'upstream_connect_error' }),
      ]);
    },
  );

  // Guards a regression seen while this suite was written: error responses said
  // `x-switchyard-attempts: 0` because attempts reached the request context only on success.
  contractTest(
    adapter,
    'error-headers',
    'says on error responses how many upstream attempts were made',
    async () => {
      fault({ status: 400, body: adapter.family.errorBody(400, 'conformance: refused') });
      const refused = await openAiError(chat('error-headers'));
      expect(refused.headers?.get('x-request-id')).toMatch(/\S{8,}/);
      fault({ status: 500 });
      const failed = await openAiError(chat('error-headers'));
      expect(attemptsOf(failed)).toHaveLength(2);
      expect({
        refused: refused.headers?.get('x-switchyard-attempts'),
        failed: failed.headers?.get('x-switchyard-attempts'),
      }).toEqual({
        refused: '1',
        failed: '2',
      });
    },
  );

  contractTest(
    adapter,
    'caller-errors',
    'refuses malformed JSON, wrong types, unknown and forbidden models',
    async () => {
      const { gateway, key, restrictedKey, openai } = harness();
      const raw = await fetch(`${gateway.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: `{"model": "${adapter.model}", "messages": [`,
      });
      expect(raw.status).toBe(400);
      expect(await raw.json()).toMatchObject({
        error: { type: 'invalid_request_error', code: 'invalid_json' },
      });

      const wrongType = {
        model: adapter.model,
        messages: hello,
        temperature: 'hot' as unknown as number,
      };
      await expect(openai().chat.completions.create(wrongType)).rejects.toMatchObject({
        status: 400,
        param: 'temperature',
      });
      await expect(
        openai().chat.completions.create({ model: `${adapter.model}-unknown`, messages: hello }),
      ).rejects.toMatchObject({
        status: 404,
        code: 'model_not_found',
        param: 'model',
      });
      await expect(
        openai(restrictedKey).chat.completions.create({ model: adapter.model, messages: hello }),
      ).rejects.toMatchObject({
        status: 403,
        type: 'permission_error',
        code: 'model_not_allowed',
      });
      expect(harness().mock.requests).toHaveLength(0);
    },
  );
}
