import { beforeEach, describe } from 'vitest';
import { defineAiSdkContract } from './ai-sdk-contract.js';
import { defineAnthropicSdkContract } from './anthropic-sdk-contract.js';
import { defineDisconnectContract } from './disconnect-contract.js';
import { defineEndpointContract } from './endpoint-contract.js';
import { defineErrorContract } from './error-contract.js';
import { defineOpenAiChatContract } from './openai-chat-contract.js';
import { defineRequestMappingContract } from './request-mapping-contract.js';
import type { AdapterDescriptor } from './support/adapter-descriptors.js';
import type { HarnessAccess } from './support/conformance-harness.js';

/**
 * The shared contract every adapter must meet, through the real gateway and the official
 * clients. What the adapter declares it cannot do is not skipped: those tests assert the
 * gateway's refusal (400 naming the parameter) and the drop policy's header instead.
 */
export function defineAdapterContract(adapter: AdapterDescriptor, harness: HarnessAccess): void {
  describe(`${adapter.displayName} (${adapter.id})`, () => {
    // Each test sees only its own upstream requests, and no leftover scenario or fault.
    beforeEach(() => harness().mock.reset());

    describe('OpenAI SDK: chat', () => defineOpenAiChatContract(adapter, harness));
    describe('OpenAI SDK: request mapping', () => defineRequestMappingContract(adapter, harness));
    describe('OpenAI SDK: embeddings and completions', () =>
      defineEndpointContract(adapter, harness));
    describe('OpenAI SDK: errors', () => defineErrorContract(adapter, harness));
    describe('client disconnect', () => defineDisconnectContract(adapter, harness));
    describe('Vercel AI SDK', () => defineAiSdkContract(adapter, harness));
    describe('Anthropic SDK on /v1/messages', () => defineAnthropicSdkContract(adapter, harness));
  });
}
