import { anthropicAdapter } from './anthropic/index.js';
import { azureOpenAiAdapter } from './azure-openai/index.js';
import { bedrockAdapter } from './bedrock/index.js';
import { deepSeekAdapter } from './deepseek/index.js';
import { demoAdapter } from './demo/index.js';
import { fireworksAdapter } from './fireworks/index.js';
import { geminiAdapter } from './gemini/index.js';
import { groqAdapter } from './groq/index.js';
import { mistralAdapter } from './mistral/index.js';
import { ollamaAdapter } from './ollama/index.js';
import { openAiAdapter } from './openai/index.js';
import { openRouterAdapter } from './openrouter/index.js';
import { qwenAdapter } from './qwen/index.js';
import type { ProviderAdapter } from './spec/index.js';
import { togetherAdapter } from './together/index.js';
import { vllmAdapter } from './vllm/index.js';
import { xaiAdapter } from './xai/index.js';

/** Every adapter Switchyard ships, keyed by its provider type (the `providerType` of accounts). */
export const providerAdapters: ReadonlyMap<string, ProviderAdapter> = new Map(
  [
    openAiAdapter,
    azureOpenAiAdapter,
    anthropicAdapter,
    geminiAdapter,
    bedrockAdapter,
    mistralAdapter,
    deepSeekAdapter,
    qwenAdapter,
    groqAdapter,
    togetherAdapter,
    fireworksAdapter,
    xaiAdapter,
    openRouterAdapter,
    vllmAdapter,
    ollamaAdapter,
    demoAdapter,
  ].map((adapter) => [adapter.id, adapter]),
);

/** The adapter for a provider type, or undefined when Switchyard has none. */
export function getProviderAdapter(providerType: string): ProviderAdapter | undefined {
  return providerAdapters.get(providerType);
}
