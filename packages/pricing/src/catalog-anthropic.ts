import type { Capability } from './price-types.js';
import type { ListPrice } from './catalog-model.js';
import { modelsOf } from './catalog-model.js';

/*
 * Anthropic list prices from provider-wire-formats.md §6 (platform.claude.com pricing page).
 * Anthropic prices cache traffic as multiples of the input rate: read 0.1×, 5-minute write 1.25×,
 * 1-hour write 2×; the rows below spell the resulting rates out so they can be audited against
 * the page. Prompts above 200K tokens (1M-context models) bill the whole request at the
 * long-context rate. Rows whose release date we could not confirm price from the start of the
 * year they appeared, which only matters for re-costing history older than the model.
 */
const claude: Capability[] = ['tools', 'json_schema', 'vision', 'documents', 'reasoning'];

function opusTier(from: string, longContext: boolean): ListPrice {
  return {
    from,
    input: '5.00',
    cacheRead: '0.50',
    cacheWrite: '6.25',
    cacheWrite1h: '10.00',
    output: '25.00',
    // ⚠ Only genai-prices records this tier, and for opus-4-6 only.
    ...(longContext
      ? {
          longContext: {
            aboveInputTokens: 200_000,
            input: '10.00',
            cacheRead: '1.00',
            output: '37.50',
          },
        }
      : {}),
  };
}

function sonnetTier(from: string): ListPrice {
  return {
    from,
    input: '3.00',
    cacheRead: '0.30',
    cacheWrite: '3.75',
    cacheWrite1h: '6.00',
    output: '15.00',
    longContext: { aboveInputTokens: 200_000, input: '6.00', cacheRead: '0.60', output: '22.50' },
  };
}

export const anthropicModels = modelsOf('anthropic', [
  {
    canonicalId: 'claude-opus-4-5-20251101',
    version: '2025-11-01',
    aliases: ['claude-opus-4-5'],
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    capabilities: claude,
    qualityScore: 95,
    priceConfidence: 'H',
    prices: [opusTier('2025-11-01', false)],
  },
  {
    canonicalId: 'claude-opus-4-6',
    contextWindow: 1_000_000,
    maxOutputTokens: 128_000,
    capabilities: claude,
    qualityScore: 96,
    priceConfidence: 'H',
    prices: [opusTier('2026-01-01', true)],
  },
  ...['claude-opus-4-7', 'claude-opus-4-8', 'claude-opus-5'].map((canonicalId) => ({
    canonicalId,
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    capabilities: claude,
    qualityScore: 96,
    priceConfidence: 'H' as const,
    prices: [opusTier('2026-01-01', false)],
  })),
  {
    canonicalId: 'claude-sonnet-4-5-20250929',
    version: '2025-09-29',
    aliases: ['claude-sonnet-4-5'],
    // 1M tokens with the long-context beta; 200K without it.
    contextWindow: 1_000_000,
    maxOutputTokens: 64_000,
    capabilities: claude,
    qualityScore: 90,
    priceConfidence: 'H',
    prices: [sonnetTier('2025-09-29')],
  },
  {
    canonicalId: 'claude-sonnet-4-6',
    contextWindow: 1_000_000,
    maxOutputTokens: 64_000,
    capabilities: claude,
    qualityScore: 92,
    priceConfidence: 'H',
    prices: [sonnetTier('2026-01-01')],
  },
  {
    canonicalId: 'claude-sonnet-5',
    contextWindow: 1_000_000,
    maxOutputTokens: 64_000,
    capabilities: claude,
    qualityScore: 94,
    priceConfidence: 'L',
    // ⚠ Introductory rate. Sources disagree on whether input rises to 3.00 from 2026-09-01, so
    // no second period is guessed: add it here once confirmed. Write rates follow the 1.25×/2× rule.
    prices: [
      {
        from: '2026-01-01',
        input: '2.00',
        cacheRead: '0.20',
        cacheWrite: '2.50',
        cacheWrite1h: '4.00',
        output: '10.00',
      },
    ],
  },
  {
    canonicalId: 'claude-haiku-4-5-20251001',
    version: '2025-10-01',
    aliases: ['claude-haiku-4-5'],
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    capabilities: claude,
    qualityScore: 78,
    priceConfidence: 'H',
    prices: [
      {
        from: '2025-10-01',
        input: '1.00',
        cacheRead: '0.10',
        cacheWrite: '1.25',
        cacheWrite1h: '2.00',
        output: '5.00',
      },
    ],
  },
  {
    canonicalId: 'claude-opus-4-1-20250805',
    version: '2025-08-05',
    aliases: ['claude-opus-4-1'],
    contextWindow: 200_000,
    maxOutputTokens: 32_000,
    capabilities: claude,
    qualityScore: 88,
    // Retired on Anthropic's own API (still served by Bedrock / Google Cloud); retirement date unconfirmed.
    priceConfidence: 'H',
    prices: [
      {
        from: '2025-08-05',
        input: '15.00',
        cacheRead: '1.50',
        cacheWrite: '18.75',
        cacheWrite1h: '30.00',
        output: '75.00',
      },
    ],
  },
  {
    canonicalId: 'claude-3-5-haiku-20241022',
    version: '2024-10-22',
    aliases: ['claude-3-5-haiku'],
    contextWindow: 200_000,
    maxOutputTokens: 8_192,
    capabilities: ['tools', 'vision', 'documents'],
    qualityScore: 55,
    // ⚠ Deprecation date as we recall it from Anthropic's deprecations page; re-check.
    deprecatedAt: '2025-12-19',
    priceConfidence: 'H',
    prices: [
      {
        from: '2024-10-22',
        input: '0.80',
        cacheRead: '0.08',
        cacheWrite: '1.00',
        cacheWrite1h: '1.60',
        output: '4.00',
      },
    ],
  },
]);
