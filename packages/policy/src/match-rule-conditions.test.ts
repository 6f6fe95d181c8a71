import { describe, expect, it } from 'vitest';
import { featuresOf } from './__fixtures__/routing-fixtures.js';
import { compileConditions, matchConditions } from './match-rule-conditions.js';
import { ruleConditionsSchema } from './routing-policy-schema.js';
import type { RequestFeatures } from './request-features.js';

const matches = (when: unknown, features: Partial<RequestFeatures> = {}) =>
  matchConditions(compileConditions(ruleConditionsSchema.parse(when)), featuresOf(features));

describe('matchConditions', () => {
  it('matches everything when there are no conditions', () => {
    expect(matches({})).toBe(true);
  });

  it('matches the requested name or the ids it resolved to', () => {
    expect(matches({ models: ['fast'] })).toBe(true);
    expect(
      matches({ models: ['gpt-4.1-2025'] }, { resolvedModelIds: ['model_1', 'gpt-4.1-2025'] }),
    ).toBe(true);
    expect(matches({ models: ['slow'] })).toBe(false);
  });

  it('tests estimated prompt tokens against an inclusive range', () => {
    expect(matches({ promptTokens: { min: 100, max: 200 } }, { promptTokens: 100 })).toBe(true);
    expect(matches({ promptTokens: { min: 100, max: 200 } }, { promptTokens: 200 })).toBe(true);
    expect(matches({ promptTokens: { min: 100 } }, { promptTokens: 99 })).toBe(false);
    expect(matches({ promptTokens: { max: 100 } }, { promptTokens: 101 })).toBe(false);
  });

  it('tests request features for presence and absence', () => {
    expect(matches({ features: { tools: true } }, { tools: true })).toBe(true);
    expect(matches({ features: { tools: true } })).toBe(false);
    expect(matches({ features: { images: false, streaming: true } }, { streaming: true })).toBe(
      true,
    );
    expect(matches({ features: { jsonOutput: true } }, { jsonOutput: 'json_schema' })).toBe(true);
    expect(matches({ features: { jsonOutput: false } }, { jsonOutput: 'json_object' })).toBe(false);
  });

  it('tests tags (any value with *), headers (case-insensitive names), keys and end users', () => {
    const tags = new Map([
      ['team', 'search'],
      ['beta', ''],
    ]);
    expect(matches({ tags: { team: 'search' } }, { tags })).toBe(true);
    expect(matches({ tags: { team: 'ads' } }, { tags })).toBe(false);
    expect(matches({ tags: { beta: '*' } }, { tags })).toBe(true);
    expect(matches({ tags: { missing: '*' } }, { tags })).toBe(false);
    expect(matches({ headers: { 'X-Tier': 'gold' } }, { headers: { 'x-tier': 'gold' } })).toBe(
      true,
    );
    expect(
      matches({ headers: { 'x-tier': 'gold' } }, { headers: { 'x-tier': ['silver', 'gold'] } }),
    ).toBe(true);
    expect(matches({ headers: { 'x-tier': 'gold' } }, { headers: {} })).toBe(false);
    expect(matches({ keys: ['key_1', 'key_2'] })).toBe(true);
    expect(matches({ keys: ['key_9'] })).toBe(false);
    expect(matches({ users: ['alice'] }, { endUser: 'alice' })).toBe(true);
    expect(matches({ users: ['alice'] })).toBe(false);
  });

  it('requires every condition to hold', () => {
    expect(matches({ models: ['fast'], features: { tools: true } }, { tools: false })).toBe(false);
    expect(matches({ models: ['fast'], features: { tools: true } }, { tools: true })).toBe(true);
  });
});
