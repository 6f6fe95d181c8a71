import type { Capability } from './price-types.js';
import { modelsOf } from './catalog-model.js';

/*
 * Gemini API list prices from provider-wire-formats.md §6 (ai.google.dev pricing via
 * genai-prices). Output includes thinking tokens. Pro models bill the whole request at the
 * >200K rate when the prompt exceeds 200K tokens. Implicit cache hits bill at the cached rate;
 * explicit-cache storage (per hour) and per-modality (audio) input rates are not modelled by
 * the snapshot price schema yet, so audio input bills at the text rate. ⚠
 */
const gemini: Capability[] = [
  'tools',
  'json_schema',
  'json_object',
  'vision',
  'audio',
  'documents',
  'reasoning',
];

export const googleModels = modelsOf('gemini', [
  {
    canonicalId: 'gemini-2.5-pro',
    version: '2025-06-17',
    contextWindow: 1_048_576,
    maxOutputTokens: 65_536,
    capabilities: gemini,
    qualityScore: 88,
    priceConfidence: 'H',
    prices: [
      {
        from: '2025-06-17',
        input: '1.25',
        cacheRead: '0.125',
        output: '10.00',
        longContext: {
          aboveInputTokens: 200_000,
          input: '2.50',
          cacheRead: '0.25',
          output: '15.00',
        },
      },
    ],
  },
  {
    canonicalId: 'gemini-2.5-flash',
    version: '2025-06-17',
    contextWindow: 1_048_576,
    maxOutputTokens: 65_536,
    capabilities: gemini,
    qualityScore: 78,
    priceConfidence: 'H',
    prices: [{ from: '2025-06-17', input: '0.30', cacheRead: '0.03', output: '2.50' }],
  },
  {
    canonicalId: 'gemini-2.5-flash-lite',
    version: '2025-07-22',
    contextWindow: 1_048_576,
    maxOutputTokens: 65_536,
    capabilities: gemini,
    qualityScore: 66,
    priceConfidence: 'H',
    prices: [{ from: '2025-07-22', input: '0.10', cacheRead: '0.01', output: '0.40' }],
  },
  ...[
    { canonicalId: 'gemini-3-pro-preview', version: '2025-11-18', qualityScore: 93 },
    { canonicalId: 'gemini-3.1-pro-preview', version: '2026-02-19', qualityScore: 94 },
  ].map((preview) => ({
    ...preview,
    contextWindow: 1_048_576,
    maxOutputTokens: 65_536,
    capabilities: gemini,
    priceConfidence: 'M' as const,
    prices: [
      {
        from: preview.version,
        input: '2.00',
        cacheRead: '0.20',
        output: '12.00',
        longContext: {
          aboveInputTokens: 200_000,
          input: '4.00',
          cacheRead: '0.40',
          output: '18.00',
        },
      },
    ],
  })),
  {
    canonicalId: 'gemini-3-flash-preview',
    version: '2025-12-17',
    contextWindow: 1_048_576,
    maxOutputTokens: 65_536,
    capabilities: gemini,
    qualityScore: 84,
    priceConfidence: 'M',
    prices: [{ from: '2025-12-17', input: '0.50', cacheRead: '0.05', output: '3.00' }],
  },
  {
    canonicalId: 'gemini-embedding-001',
    version: '2025-07-14',
    contextWindow: 2_048,
    maxOutputTokens: null,
    capabilities: ['embeddings'],
    priceConfidence: 'M',
    prices: [{ from: '2025-07-14', input: '0.15', output: '0' }],
  },
]);
