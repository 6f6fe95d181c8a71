import Anthropic, { APIError as AnthropicApiError } from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import type { AdapterDescriptor } from './support/adapter-descriptors.js';
import type { HarnessAccess } from './support/conformance-harness.js';

/**
 * What happens before any adapter is chosen: the key. Run once, not per adapter — the gateway
 * throttles a source address after a few failed authentications, as it should.
 */
export function defineGatewayContract(adapter: AdapterDescriptor, harness: HarnessAccess): void {
  describe('gateway authentication (before any adapter is chosen)', () => {
    const hello = { model: adapter.model, messages: [{ role: 'user' as const, content: 'Hello' }] };

    it('takes the key as Authorization: Bearer and as x-api-key on both dialects', async () => {
      harness().mock.reset();
      for (const path of ['/v1/chat/completions', '/v1/messages']) {
        const keyHeaders: Record<string, string>[] = [
          { authorization: `Bearer ${harness().key}` },
          { 'x-api-key': harness().key },
        ];
        for (const header of keyHeaders) {
          const response = await fetch(`${harness().gateway.url}${path}`, {
            method: 'POST',
            headers: {
              ...header,
              'content-type': 'application/json',
              'anthropic-version': '2023-06-01',
            },
            body: JSON.stringify({ ...hello, max_tokens: 64 }),
          });
          expect({ path, header: Object.keys(header)[0], status: response.status }).toMatchObject({
            status: 200,
          });
        }
      }
    });

    it('refuses a missing or invalid key with 401 in the OpenAI dialect', async () => {
      await expect(
        harness().openai('sy-not-a-real-key').chat.completions.create(hello),
      ).rejects.toMatchObject({
        status: 401,
        type: 'authentication_error',
        code: 'invalid_api_key',
      });
      const anonymous = await fetch(`${harness().gateway.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(hello),
      });
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({
        error: { type: 'authentication_error', code: 'missing_api_key' },
      });
    });

    it('refuses an invalid key with 401 in the Anthropic dialect', async () => {
      const client = new Anthropic({
        baseURL: harness().gateway.url,
        apiKey: 'sy-not-a-real-key',
        maxRetries: 0,
      });
      const error = await client.messages.create({ ...hello, max_tokens: 64 }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(AnthropicApiError);
      expect(error).toMatchObject({
        status: 401,
        type: 'authentication_error',
        error: { type: 'error' },
      });
    });
  });
}
