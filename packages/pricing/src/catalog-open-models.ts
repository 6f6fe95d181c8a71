import type { Capability } from './price-types.js';
import { modelsOf } from './catalog-model.js';

/*
 * Mistral, DeepSeek, Groq, xAI and Bedrock list prices from provider-wire-formats.md §6.
 * Cache rates marked ⚠ there are kept but flagged. DeepSeek bills cache hits at the hit rate and
 * misses at the input rate, which is exactly "uncached input + cache read" here. xAI bills
 * reasoning tokens as output (adapters fold them into outputTokens). Quality scores approximate.
 */
const chat: Capability[] = ['tools', 'json_schema', 'json_object'];

export const mistralModels = modelsOf('mistral', [
  {
    canonicalId: 'mistral-large-2512',
    version: '2025-12-02',
    contextWindow: 256_000,
    maxOutputTokens: null,
    capabilities: [...chat, 'vision'],
    qualityScore: 78,
    priceConfidence: 'M',
    // ⚠ cached rate from one source only.
    prices: [{ from: '2025-12-02', input: '0.50', cacheRead: '0.05', output: '1.50' }],
  },
  {
    canonicalId: 'mistral-medium-2505',
    version: '2025-05-07',
    contextWindow: 128_000,
    maxOutputTokens: null,
    capabilities: [...chat, 'vision'],
    qualityScore: 72,
    priceConfidence: 'H',
    prices: [{ from: '2025-05-07', input: '0.40', output: '2.00' }],
  },
  {
    // Small 3.2; `mistral-small-latest` now points at a dearer 2603 release ⚠, so no alias here.
    canonicalId: 'mistral-small-2506',
    version: '2025-06-20',
    contextWindow: 128_000,
    maxOutputTokens: null,
    capabilities: [...chat, 'vision'],
    qualityScore: 62,
    priceConfidence: 'M',
    prices: [{ from: '2025-06-20', input: '0.10', output: '0.30' }],
  },
  {
    canonicalId: 'codestral-2508',
    version: '2025-07-30',
    contextWindow: 256_000,
    maxOutputTokens: null,
    capabilities: chat,
    qualityScore: 68,
    priceConfidence: 'M',
    prices: [{ from: '2025-07-30', input: '0.30', cacheRead: '0.03', output: '0.90' }],
  },
  {
    canonicalId: 'mistral-embed',
    contextWindow: 8_192,
    maxOutputTokens: null,
    capabilities: ['embeddings'],
    priceConfidence: 'M',
    prices: [{ from: '2023-12-11', input: '0.10', output: '0' }],
  },
]);

export const deepSeekModels = modelsOf('deepseek', [
  {
    canonicalId: 'deepseek-chat',
    version: '2025-09-29',
    contextWindow: 128_000,
    maxOutputTokens: 8_192,
    capabilities: chat,
    qualityScore: 76,
    priceConfidence: 'L',
    // ⚠ V3.2 rates; earlier V3/R1 rates are not encoded, so history before V3.2 cannot be re-costed.
    prices: [{ from: '2025-09-29', input: '0.28', cacheRead: '0.028', output: '0.42' }],
  },
  {
    canonicalId: 'deepseek-reasoner',
    version: '2025-09-29',
    contextWindow: 128_000,
    maxOutputTokens: 64_000,
    capabilities: [...chat, 'reasoning'],
    qualityScore: 80,
    priceConfidence: 'L',
    prices: [{ from: '2025-09-29', input: '0.28', cacheRead: '0.028', output: '0.42' }],
  },
]);

export const groqModels = modelsOf('groq', [
  {
    canonicalId: 'llama-3.3-70b-versatile',
    contextWindow: 131_072,
    maxOutputTokens: 32_768,
    capabilities: ['tools', 'json_object'],
    qualityScore: 60,
    priceConfidence: 'H',
    prices: [{ from: '2024-12-06', input: '0.59', output: '0.79' }],
  },
  {
    canonicalId: 'llama-3.1-8b-instant',
    contextWindow: 131_072,
    maxOutputTokens: 131_072,
    capabilities: ['tools', 'json_object'],
    qualityScore: 40,
    priceConfidence: 'H',
    prices: [{ from: '2024-07-23', input: '0.05', output: '0.08' }],
  },
  {
    canonicalId: 'openai/gpt-oss-120b',
    version: '2025-08-05',
    contextWindow: 131_072,
    maxOutputTokens: 65_536,
    capabilities: [...chat, 'reasoning'],
    qualityScore: 74,
    priceConfidence: 'H',
    // ⚠ cached rate from one source only.
    prices: [{ from: '2025-08-05', input: '0.15', cacheRead: '0.075', output: '0.60' }],
  },
  {
    canonicalId: 'openai/gpt-oss-20b',
    version: '2025-08-05',
    contextWindow: 131_072,
    maxOutputTokens: 65_536,
    capabilities: [...chat, 'reasoning'],
    qualityScore: 64,
    priceConfidence: 'M',
    prices: [{ from: '2025-08-05', input: '0.075', cacheRead: '0.0375', output: '0.30' }],
  },
]);

export const xAiModels = modelsOf('xai', [
  {
    canonicalId: 'grok-4-0709',
    version: '2025-07-09',
    aliases: ['grok-4'],
    contextWindow: 256_000,
    maxOutputTokens: null,
    capabilities: [...chat, 'vision', 'reasoning'],
    qualityScore: 86,
    priceConfidence: 'M',
    prices: [{ from: '2025-07-09', input: '3.00', cacheRead: '0.75', output: '15.00' }],
  },
  ...['grok-4-1-fast-reasoning', 'grok-4-1-fast-non-reasoning'].map((canonicalId) => ({
    canonicalId,
    version: '2025-11-19',
    contextWindow: 2_000_000,
    maxOutputTokens: null,
    capabilities: canonicalId.endsWith('-non-reasoning')
      ? [...chat, 'vision' as const]
      : [...chat, 'vision' as const, 'reasoning' as const],
    qualityScore: 80,
    priceConfidence: 'M' as const,
    prices: [{ from: '2025-11-19', input: '0.20', cacheRead: '0.05', output: '0.50' }],
  })),
]);

/*
 * Claude on Bedrock through the global cross-region inference profile, which Bedrock prices at
 * Anthropic's list rates (regional profiles of the 4.5 models cost 10 % more ⚠). Model rows are
 * unique by canonical id (prisma Model.canonicalId), so Bedrock rows use Bedrock's own model id
 * and no aliases; a route fails over between the two through its targets, not a shared name.
 */
export const bedrockModels = modelsOf('bedrock', [
  {
    canonicalId: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    providerModelId: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
    version: '2025-09-29',
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    capabilities: ['tools', 'vision', 'documents', 'reasoning'],
    qualityScore: 90,
    priceConfidence: 'M',
    prices: [
      { from: '2025-09-29', input: '3.00', cacheRead: '0.30', cacheWrite: '3.75', output: '15.00' },
    ],
  },
  {
    canonicalId: 'anthropic.claude-haiku-4-5-20251001-v1:0',
    providerModelId: 'global.anthropic.claude-haiku-4-5-20251001-v1:0',
    version: '2025-10-01',
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    capabilities: ['tools', 'vision', 'documents', 'reasoning'],
    qualityScore: 78,
    priceConfidence: 'M',
    prices: [
      { from: '2025-10-01', input: '1.00', cacheRead: '0.10', cacheWrite: '1.25', output: '5.00' },
    ],
  },
]);

/** The built-in demo provider: small nonzero prices so cost paths are exercised without keys. */
export const demoModels = modelsOf('demo', [
  {
    canonicalId: 'demo-model',
    version: '2025-01-01',
    contextWindow: 128_000,
    maxOutputTokens: 4_096,
    capabilities: chat,
    qualityScore: 10,
    priceConfidence: 'H',
    prices: [{ from: '2020-01-01', input: '0.10', cacheRead: '0.01', output: '0.20' }],
  },
]);
