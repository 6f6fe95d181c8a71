import type { UsageTokens } from '../price-types.js';

/**
 * Requests priced with the catalog, each worked out by hand from the list price (USD per 1M
 * tokens) so the arithmetic is checked against an independent calculation.
 */
export interface CatalogCostCase {
  name: string;
  providerType: string;
  model: string;
  at: string;
  usage: UsageTokens;
  /** Integer nano-USD as a decimal string. */
  expectedNanoUsd: string;
  longContext: boolean;
}

const none = { cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };

export const catalogCostCases: CatalogCostCase[] = [
  {
    // 800 × 2.50 + 200 × 1.25 + 500 × 10 = 7250 µUSD-per-1M units → $0.00725
    name: 'gpt-4o cached prompt tokens bill at the cached rate',
    providerType: 'openai',
    model: 'gpt-4o',
    at: '2025-09-01T12:00:00Z',
    usage: { ...none, inputTokens: 1_000, cacheReadTokens: 200, outputTokens: 500 },
    expectedNanoUsd: '7250000',
    longContext: false,
  },
  {
    // 1000 × 10 + 1000 × 40 = $0.05, the launch price one millisecond before the cut
    name: 'o3 before the 2025-06-10 price cut',
    providerType: 'openai',
    model: 'o3',
    at: '2025-06-09T23:59:59.999Z',
    usage: { ...none, inputTokens: 1_000, outputTokens: 1_000 },
    expectedNanoUsd: '50000000',
    longContext: false,
  },
  {
    // 1000 × 2 + 1000 × 8 = $0.01, from the boundary instant on
    name: 'o3 at the instant of the price cut',
    providerType: 'openai',
    model: 'o3',
    at: '2025-06-10T00:00:00.000Z',
    usage: { ...none, inputTokens: 1_000, outputTokens: 1_000 },
    expectedNanoUsd: '10000000',
    longContext: false,
  },
  {
    // 200000 × 3 + 1000 × 15 = $0.615: exactly at the threshold is still the short rate
    name: 'claude-sonnet-4-5 at exactly 200K prompt tokens',
    providerType: 'anthropic',
    model: 'claude-sonnet-4-5',
    at: '2025-10-15T00:00:00Z',
    usage: { ...none, inputTokens: 200_000, outputTokens: 1_000 },
    expectedNanoUsd: '615000000',
    longContext: false,
  },
  {
    // 200001 × 6 + 1000 × 22.50 = $1.222506: the whole request at the long-context rate
    name: 'claude-sonnet-4-5 one token past 200K',
    providerType: 'anthropic',
    model: 'claude-sonnet-4-5',
    at: '2025-10-15T00:00:00Z',
    usage: { ...none, inputTokens: 200_001, outputTokens: 1_000 },
    expectedNanoUsd: '1222506000',
    longContext: true,
  },
  {
    // uncached 3000 × 3 + read 4000 × 0.30 + write-5m 2000 × 3.75 + write-1h 1000 × 6
    // + output 500 × 15 (reasoning bills as output) = 9000 + 1200 + 7500 + 6000 + 7500 → $0.0312
    name: 'claude-sonnet-4-5 with every cache class',
    providerType: 'anthropic',
    model: 'claude-sonnet-4-5-20250929',
    at: '2025-10-15T00:00:00Z',
    usage: {
      inputTokens: 10_000,
      cacheReadTokens: 4_000,
      cacheWriteTokens: 3_000,
      cacheWrite1hTokens: 1_000,
      outputTokens: 500,
      reasoningTokens: 200,
    },
    expectedNanoUsd: '31200000',
    longContext: false,
  },
  {
    // long tier: uncached 200000 × 2.50 + cached 50000 × 0.25 + output 2000 × 15 → $0.5425
    name: 'gemini-2.5-pro above 200K with cached content and thinking',
    providerType: 'gemini',
    model: 'gemini-2.5-pro',
    at: '2025-11-01T00:00:00Z',
    usage: {
      ...none,
      inputTokens: 250_000,
      cacheReadTokens: 50_000,
      outputTokens: 2_000,
      reasoningTokens: 1_500,
    },
    expectedNanoUsd: '542500000',
    longContext: true,
  },
  {
    // long tier (>272K): uncached 172001 × 5 + cached 100000 × 0.50 + output 10 × 22.50
    // = 860005 + 50000 + 225 → $0.91023
    name: 'gpt-5.4 above 272K',
    providerType: 'openai',
    model: 'gpt-5.4',
    at: '2026-04-01T00:00:00Z',
    usage: { ...none, inputTokens: 272_001, cacheReadTokens: 100_000, outputTokens: 10 },
    expectedNanoUsd: '910230000',
    longContext: true,
  },
  {
    // 7 × 0.10 + 3 × 0.20 = 1.3 µUSD = 1300 nano-USD
    name: 'demo model bills small nonzero amounts',
    providerType: 'demo',
    model: 'demo-model',
    at: '2026-01-01T00:00:00Z',
    usage: { ...none, inputTokens: 7, outputTokens: 3 },
    expectedNanoUsd: '1300',
    longContext: false,
  },
  {
    // 37 × 0.0375 = 1.3875 µUSD = 1387.5 nano-USD → rounds half up to 1388
    name: 'gpt-oss-20b sub-nano fraction rounds half up',
    providerType: 'groq',
    model: 'openai/gpt-oss-20b',
    at: '2026-01-01T00:00:00Z',
    usage: { ...none, inputTokens: 37, cacheReadTokens: 37, outputTokens: 0 },
    expectedNanoUsd: '1388',
    longContext: false,
  },
];
