import { describe, expect, it } from 'vitest';
import { evaluate, ids, openChecks, policyOf, setup } from './__fixtures__/evaluate-scenario.js';
import { seededRandom } from './__fixtures__/routing-fixtures.js';
import type { CandidateHealth } from './order-by-strategy.js';
import type { RoutableDeployment } from './routing-catalog.js';

describe('evaluateRoutingPolicy: strategies', () => {
  it('lowest-cost picks the cheapest target that meets the quality floor and required capabilities', () => {
    const { catalog } = setup();
    catalog.addDeployment(
      'nocaps',
      catalog.addModel('nocaps', {
        capabilities: [],
        qualityScore: 99,
        price: { input: 1, output: 1 },
      }),
    );
    const policy = policyOf(catalog, [
      {
        name: 'cost',
        route: {
          strategy: 'lowest-cost',
          minQuality: 80,
          requires: ['tools'],
          targets: [{ model: 'pinned' }, { model: 'other' }, { model: 'big' }, { model: 'nocaps' }],
        },
      },
    ]);
    const decision = evaluate(catalog, { policy });
    expect(ids(decision.candidates)).toEqual(['big-a', 'pinned-a', 'pinned-b']);
    expect(
      decision.excluded.map((exclusion) => [exclusion.candidate?.id, exclusion.reason]),
    ).toEqual([
      ['other-a', 'quality_floor'],
      ['nocaps', 'required_capability'],
    ]);
  });

  it('weighted follows the weights and is deterministic for a given random source', () => {
    const { catalog } = setup();
    const policy = policyOf(catalog, [
      {
        name: 'split',
        route: {
          strategy: 'weighted',
          targets: [
            { deployment: 'pinned-a', weight: 3 },
            { deployment: 'other-a', weight: 1 },
            { deployment: 'big-a', weight: 0 },
          ],
        },
      },
    ]);
    const random = seededRandom(42);
    const firsts: Record<string, number> = {};
    for (let index = 0; index < 4_000; index++) {
      const decision = evaluate(catalog, { policy, random });
      expect(decision.candidates).toHaveLength(3);
      expect(decision.candidates[2]?.id).toBe('big-a');
      const first = decision.candidates[0]!.id;
      firsts[first] = (firsts[first] ?? 0) + 1;
    }
    expect(firsts['pinned-a']! / 4_000).toBeGreaterThan(0.7);
    expect(firsts['pinned-a']! / 4_000).toBeLessThan(0.8);
    expect(firsts['big-a']).toBeUndefined();
    const again = (seed: number) =>
      ids(evaluate(catalog, { policy, random: seededRandom(seed) }).candidates);
    expect(again(7)).toEqual(again(7));
  });

  it('lowest-latency prefers measured speed, penalises errors and measures unmeasured deployments first', () => {
    const { catalog } = setup();
    const policy = policyOf(catalog, [
      {
        name: 'fast',
        route: { strategy: 'lowest-latency', targets: [{ model: 'pinned' }, { model: 'other' }] },
      },
    ]);
    const measures: Record<string, Partial<CandidateHealth>> = {
      'pinned-a': { latencyMs: 900 },
      'pinned-b': { latencyMs: 100, errorRate: 0.9 },
      'other-a': { latencyMs: 300 },
    };
    const health = (candidate: RoutableDeployment): CandidateHealth => ({
      breakerOpen: false,
      retryAtMs: undefined,
      latencyMs: undefined,
      ttftMs: undefined,
      errorRate: 0,
      inFlight: 0,
      ...measures[candidate.id],
    });
    expect(
      ids(evaluate(catalog, { policy, checks: { ...openChecks, health } }).candidates),
    ).toEqual(['other-a', 'pinned-a', 'pinned-b']);
    measures['pinned-a'] = {};
    expect(
      ids(evaluate(catalog, { policy, checks: { ...openChecks, health } }).candidates)[0],
    ).toBe('pinned-a');
  });

  it('least-busy orders by requests in flight', () => {
    const { catalog } = setup();
    const policy = policyOf(catalog, [
      {
        name: 'busy',
        route: { strategy: 'least-busy', targets: [{ model: 'pinned' }, { model: 'other' }] },
      },
    ]);
    const inFlight: Record<string, number> = { 'pinned-a': 5, 'pinned-b': 2, 'other-a': 2 };
    const health = (candidate: RoutableDeployment): CandidateHealth => ({
      breakerOpen: false,
      retryAtMs: undefined,
      latencyMs: undefined,
      ttftMs: undefined,
      errorRate: 0,
      inFlight: inFlight[candidate.id] ?? 0,
    });
    expect(
      ids(evaluate(catalog, { policy, checks: { ...openChecks, health } }).candidates),
    ).toEqual(['pinned-b', 'other-a', 'pinned-a']);
  });
});
