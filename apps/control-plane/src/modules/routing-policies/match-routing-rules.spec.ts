import { routingPolicyDocumentSchema } from '@switchyard/policy';
import { describe, expect, it } from 'vitest';
import { failedConditions, matchRoutingRules } from './match-routing-rules.js';

const document = routingPolicyDocumentSchema.parse({
  rules: [
    {
      name: 'vip',
      when: { users: ['alice'], headers: { 'X-Tier': 'gold' } },
      route: { targets: [{ model: 'big' }] },
    },
    {
      name: 'long',
      when: { promptTokens: { min: 1000, max: 5000 }, features: { tools: true } },
      route: { targets: [{ model: 'long' }] },
    },
    {
      name: 'tagged',
      when: { tags: { team: 'search' }, models: ['gpt-4.1'] },
      route: { targets: [{ deployment: 'eu' }] },
    },
    { name: 'fallback', route: { targets: [{ model: 'small' }] } },
  ],
});

describe('matchRoutingRules', () => {
  it('picks the first rule whose conditions all hold', () => {
    const result = matchRoutingRules(document, {
      model: 'gpt-4.1',
      user: 'alice',
      headers: { 'x-tier': 'gold' },
    });
    expect(result.matchedRule?.name).toBe('vip');
  });

  it('compares header names case-insensitively and explains each failed condition', () => {
    const result = matchRoutingRules(document, {
      model: 'gpt-4.1',
      user: 'bob',
      headers: { 'X-TIER': 'silver' },
    });
    expect(result.evaluations[0]?.failedConditions).toEqual([
      "header 'X-Tier' must equal 'gold'",
      "user 'bob' is not one of the rule's users",
    ]);
  });

  it('checks prompt-token ranges and features', () => {
    expect(
      matchRoutingRules(document, { model: 'm', promptTokens: 2000, features: { tools: true } })
        .matchedRule?.name,
    ).toBe('long');
    expect(
      failedConditions(document.rules[1]!.when, {
        model: 'm',
        promptTokens: 6000,
        features: { tools: true },
      }),
    ).toEqual(['promptTokens 6000 is outside 1000..5000']);
    expect(failedConditions(document.rules[1]!.when, { model: 'm' })).toEqual([
      'rule needs promptTokens but the sample gives none',
      "feature 'tools' must be present",
    ]);
  });

  it('matches tags and models together, and falls through to an unconditional rule', () => {
    expect(
      matchRoutingRules(document, { model: 'gpt-4.1', tags: { team: 'search' } }).matchedRule?.name,
    ).toBe('tagged');
    expect(
      matchRoutingRules(document, { model: 'other', tags: { team: 'search' } }).matchedRule?.name,
    ).toBe('fallback');
  });

  it('checks key ids', () => {
    expect(failedConditions({ keys: ['k1'] }, { model: 'm', apiKeyId: 'k1' })).toEqual([]);
    expect(failedConditions({ keys: ['k1'] }, { model: 'm' })).toEqual([
      "API key '(none)' is not one of the rule's keys",
    ]);
  });

  it('reports no match when no rule applies', () => {
    const result = matchRoutingRules(routingPolicyDocumentSchema.parse({ rules: [] }), {
      model: 'm',
    });
    expect(result).toEqual({ matchedRule: null, evaluations: [] });
  });
});
