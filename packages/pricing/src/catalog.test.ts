import { snapshotModelSchema } from '@switchyard/policy';
import { describe, expect, it } from 'vitest';
import { catalogKey, findCatalogModel, modelCatalog } from './catalog.js';
import { selectPrice } from './select-price.js';
import { formatNanoUsd, usdPerMillion } from './usd.js';

const rateFields = [
  'input',
  'output',
  'cacheRead',
  'cacheWrite',
  'cacheWrite1h',
  'reasoning',
  'longContextInput',
  'longContextOutput',
  'longContextCacheRead',
] as const;

describe('model catalog', () => {
  it('is valid snapshot model data', () => {
    for (const model of modelCatalog) {
      const { aliases: _aliases, priceConfidence: _confidence, ...snapshotFields } = model;
      const parsed = snapshotModelSchema.safeParse({ id: catalogKey(model), ...snapshotFields });
      expect(parsed.error?.issues ?? [], catalogKey(model)).toEqual([]);
    }
  });

  it('stores every rate as an integer number of nano-USD per million tokens', () => {
    for (const model of modelCatalog) {
      for (const price of model.prices) {
        for (const field of rateFields) {
          const value = price[field];
          if (value != null)
            expect(Number.isSafeInteger(value), `${catalogKey(model)} ${field}`).toBe(true);
        }
      }
    }
  });

  it('uses every canonical id and alias once across providers (Model / ModelAlias uniqueness)', () => {
    const names = modelCatalog.flatMap((model) => [model.canonicalId, ...model.aliases]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('has a current price for every model', () => {
    const now = new Date('2026-08-21T00:00:00Z');
    for (const model of modelCatalog) expect(() => selectPrice(model.prices, now)).not.toThrow();
  });

  it('records the o3 price cut of 2025-06-10 as two periods', () => {
    const o3 = findCatalogModel('openai', 'o3-2025-04-16');
    expect(
      o3?.prices.map((price) => [
        price.effectiveFrom,
        price.effectiveTo,
        price.input,
        price.output,
      ]),
    ).toEqual([
      ['2025-04-16T00:00:00.000Z', '2025-06-10T00:00:00.000Z', 10_000_000_000, 40_000_000_000],
      ['2025-06-10T00:00:00.000Z', null, 2_000_000_000, 8_000_000_000],
    ]);
  });

  it('carries the long-context tiers', () => {
    const tier = (providerType: string, name: string) =>
      findCatalogModel(providerType, name)?.prices.at(-1)?.longContextThresholdTokens;
    expect(tier('gemini', 'gemini-2.5-pro')).toBe(200_000);
    expect(tier('anthropic', 'claude-sonnet-4-6')).toBe(200_000);
    expect(tier('openai', 'gpt-5.4')).toBe(272_000);
  });

  it('carries Anthropic cache read, 5-minute and 1-hour write rates', () => {
    const haiku = findCatalogModel('anthropic', 'claude-haiku-4-5')?.prices[0];
    expect(haiku).toMatchObject({
      input: 1_000_000_000,
      cacheRead: 100_000_000,
      cacheWrite: 1_250_000_000,
      cacheWrite1h: 2_000_000_000,
    });
  });

  it('includes the demo model with small nonzero prices', () => {
    const demo = findCatalogModel('demo', 'demo-model');
    expect(demo && catalogKey(demo)).toBe('demo/demo-model');
    expect(demo?.prices[0]?.input).toBeGreaterThan(0);
    expect(demo?.prices[0]?.output).toBeGreaterThan(0);
  });

  it('resolves aliases and provider model ids to the dated row', () => {
    expect(findCatalogModel('openai', 'gpt-4.1')?.canonicalId).toBe('gpt-4.1-2025-04-14');
    expect(
      findCatalogModel('bedrock', 'global.anthropic.claude-sonnet-4-5-20250929-v1:0')?.canonicalId,
    ).toBe('anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(findCatalogModel('openai', 'no-such-model')).toBeUndefined();
  });
});

describe('usdPerMillion', () => {
  it('converts decimal USD exactly', () => {
    expect(usdPerMillion('2.50')).toBe(2_500_000_000);
    expect(usdPerMillion('0.0375')).toBe(37_500_000);
    expect(usdPerMillion('0.000000001')).toBe(1);
    expect(usdPerMillion('75')).toBe(75_000_000_000);
  });

  it.each(['1e3', '-1', '0.1234567891', '', '.5', '1,5'])('rejects %j', (input) => {
    expect(() => usdPerMillion(input)).toThrow(RangeError);
  });

  it('formats nano-USD for humans', () => {
    expect(formatNanoUsd(1_222_506_000n)).toBe('1.222506000');
    expect(formatNanoUsd(5n)).toBe('0.000000005');
    expect(formatNanoUsd(-5n)).toBe('-0.000000005');
  });
});
