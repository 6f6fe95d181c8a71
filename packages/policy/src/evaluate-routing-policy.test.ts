import { describe, expect, it } from 'vitest';
import {
  evaluate,
  ids,
  nowMs,
  openChecks,
  policyOf,
  setup,
} from './__fixtures__/evaluate-scenario.js';
import { CatalogFixture, featuresOf } from './__fixtures__/routing-fixtures.js';
import type { CandidateHealth } from './order-by-strategy.js';
import type { RoutableDeployment } from './routing-catalog.js';

describe('evaluateRoutingPolicy: the default route', () => {
  it('serves the pinned model in deployment-weight order and never another model', () => {
    const { catalog } = setup();
    const decision = evaluate(catalog, {});
    expect(decision.routeName).toBe('default');
    expect(decision.strategy).toBe('priority');
    expect(ids(decision.candidates)).toEqual(['pinned-a', 'pinned-b']);
  });

  it("adds the alias's explicitly named fallbacks after the pinned model", () => {
    const { catalog, pinned, other } = setup();
    const decision = evaluate(catalog, { defaultModels: [pinned, other] });
    expect(ids(decision.candidates)).toEqual(['pinned-a', 'pinned-b', 'other-a']);
  });

  it('still applies the capability registry', () => {
    const catalog = new CatalogFixture();
    const pinned = catalog.addModel('pinned', { capabilities: ['json_schema'] });
    catalog.addDeployment('pinned-a', pinned);
    const decision = evaluate(catalog, {
      features: featuresOf({ tools: true }),
      defaultModels: [pinned],
    });
    expect(decision.candidates).toEqual([]);
    expect(decision.failure).toMatchObject({
      code: 'unsupported_capability',
      status: 400,
      fault: 'caller',
      param: 'tools',
    });
    expect(decision.failure?.message).toContain('pinned-2025 does not support tools');
  });
});

describe('evaluateRoutingPolicy: rules', () => {
  it('uses the first rule whose conditions hold', () => {
    const { catalog } = setup();
    const policy = policyOf(catalog, [
      {
        name: 'tools-to-big',
        when: { features: { tools: true } },
        route: { targets: [{ model: 'big' }] },
      },
      { name: 'everything', route: { targets: [{ deployment: 'other-a' }, { model: 'fast' }] } },
    ]);
    expect(evaluate(catalog, { policy, features: featuresOf({ tools: true }) }).routeName).toBe(
      'tools-to-big',
    );
    const decision = evaluate(catalog, { policy });
    expect(decision.routeName).toBe('everything');
    expect(ids(decision.candidates)).toEqual(['other-a', 'pinned-a', 'pinned-b']);
  });

  it('reports targets that name nothing as unknown_target', () => {
    const { catalog } = setup();
    const policy = policyOf(catalog, [
      { name: 'r', route: { targets: [{ deployment: 'ghost' }, { model: 'big' }] } },
    ]);
    const decision = evaluate(catalog, { policy });
    expect(ids(decision.candidates)).toEqual(['big-a']);
    expect(decision.excluded).toMatchObject([
      { reason: 'unknown_target', fault: 'policy', target: 'deployment ghost' },
    ]);
  });

  it('filters by provider, region and price ceiling before the strategy, naming the rule', () => {
    const { catalog } = setup();
    const policy = policyOf(catalog, [
      {
        name: 'eu-cheap',
        route: {
          strategy: 'lowest-cost',
          targets: [{ model: 'pinned' }, { model: 'other' }, { model: 'big' }],
          regions: ['eu-west'],
          providers: ['openai', 'gemini', 'groq'],
          maxPriceNanoUsdPerMTok: 5_000,
        },
      },
    ]);
    const decision = evaluate(catalog, { policy });
    expect(ids(decision.candidates)).toEqual(['big-a']);
    const reasons = Object.fromEntries(
      decision.excluded.map((exclusion) => [exclusion.candidate?.id, exclusion.reason]),
    );
    expect(reasons).toEqual({
      'pinned-a': 'price_cap',
      'pinned-b': 'route_provider',
      'other-a': 'route_region',
    });
    expect(decision.excluded[0]?.setting).toBe("rule 'eu-cheap' route.maxPriceNanoUsdPerMTok");
  });
});

describe('evaluateRoutingPolicy: context windows', () => {
  const longPrompt = featuresOf({ promptTokens: 200_000 });

  it('moves an over-long prompt to a larger-context target when the route allows it', () => {
    const { catalog } = setup();
    const policy = policyOf(catalog, [
      { name: 'r', route: { targets: [{ model: 'pinned' }, { model: 'big' }] } },
    ]);
    const decision = evaluate(catalog, { policy, features: longPrompt });
    expect(ids(decision.candidates)).toEqual(['big-a']);
    expect(decision.excluded.map((exclusion) => exclusion.reason)).toEqual([
      'context_window',
      'context_window',
    ]);
  });

  it("refuses with context_length_exceeded naming the model's window when the route does not allow it", () => {
    const { catalog } = setup();
    const policy = policyOf(catalog, [
      {
        name: 'strict',
        route: { allowLargerContext: false, targets: [{ model: 'pinned' }, { model: 'big' }] },
      },
    ]);
    const decision = evaluate(catalog, { policy, features: longPrompt });
    expect(decision.candidates).toEqual([]);
    expect(decision.failure).toMatchObject({
      code: 'context_length_exceeded',
      status: 400,
      param: 'messages',
    });
    expect(decision.failure?.message).toContain('128000-token context window of pinned-2025');
    expect(decision.failure?.message).toContain("route 'strict' does not allow");
  });

  it('counts the requested output against the window and refuses when nothing fits', () => {
    const { catalog } = setup();
    const decision = evaluate(catalog, {
      features: featuresOf({ promptTokens: 120_000, maxOutputTokens: 10_000 }),
    });
    expect(decision.failure).toMatchObject({ code: 'context_length_exceeded', status: 400 });
    expect(decision.failure?.message).toContain('about 130000 tokens');
  });

  it('refuses max output beyond the model limit as the caller fault it is', () => {
    const catalog = new CatalogFixture();
    const pinned = catalog.addModel('pinned', { maxOutputTokens: 4_096 });
    catalog.addDeployment('pinned-a', pinned);
    const decision = evaluate(catalog, {
      features: featuresOf({ maxOutputTokens: 8_000 }),
      defaultModels: [pinned],
    });
    expect(decision.failure).toMatchObject({
      code: 'max_output_exceeded',
      status: 400,
      param: 'max_tokens',
    });
  });
});

describe('evaluateRoutingPolicy: governance, limits and health', () => {
  it('never lets a governance-excluded target through and says which setting excluded it', () => {
    const { catalog } = setup();
    const governance = (candidate: RoutableDeployment) =>
      candidate.region === 'eu-west'
        ? undefined
        : {
            reason: 'residency' as const,
            setting: 'tenant.allowedRegions',
            detail: `region ${candidate.region} is not in [eu-west]`,
          };
    const decision = evaluate(catalog, { checks: { governance } });
    expect(ids(decision.candidates)).toEqual(['pinned-a']);
    const refused = evaluate(catalog, {
      checks: {
        governance: () => ({
          reason: 'tenant_provider_blocked',
          setting: 'tenant.blockedProviders',
          detail: 'provider openai is blocked',
        }),
      },
    });
    expect(refused.failure).toMatchObject({
      code: 'no_allowed_route',
      status: 403,
      fault: 'policy',
    });
    expect(refused.failure?.message).toContain(
      "No allowed route can serve 'fast' (route 'default')",
    );
    expect(refused.failure?.message).toContain(
      'pinned-a-name (openai, eu-west): tenant_provider_blocked by tenant.blockedProviders',
    );
  });

  it('drops deployments with an open breaker; with none left it answers 503 with a retry hint', () => {
    const { catalog } = setup();
    const health = (candidate: RoutableDeployment): CandidateHealth => ({
      breakerOpen: candidate.id === 'pinned-a' || candidate.id === 'pinned-b',
      retryAtMs: nowMs + (candidate.id === 'pinned-a' ? 5_000 : 2_000),
      latencyMs: undefined,
      ttftMs: undefined,
      errorRate: 1,
      inFlight: 0,
    });
    const decision = evaluate(catalog, { checks: { ...openChecks, health } });
    expect(decision.candidates).toEqual([]);
    expect(decision.excluded.map((exclusion) => exclusion.reason)).toEqual([
      'open_breaker',
      'open_breaker',
    ]);
    expect(decision.failure).toMatchObject({
      code: 'no_healthy_route',
      status: 503,
      fault: 'provider',
      retryAfterMs: 2_000,
    });
  });

  it('applies budget and rate-limit findings from the limits check', () => {
    const { catalog, pinned, other } = setup();
    const limits = (candidate: RoutableDeployment) =>
      candidate.model.id === 'pinned'
        ? { reason: 'budget' as const, setting: "budget 'monthly'", detail: 'exhausted' }
        : undefined;
    const decision = evaluate(catalog, {
      defaultModels: [pinned, other],
      checks: { ...openChecks, limits },
    });
    expect(ids(decision.candidates)).toEqual(['other-a']);
    expect(decision.excluded.map((exclusion) => exclusion.reason)).toEqual(['budget', 'budget']);
  });
});
