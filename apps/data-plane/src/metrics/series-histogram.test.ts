import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { SeriesHistogram } from './series-histogram.js';

describe('SeriesHistogram', () => {
  it('exports exactly what a prom-client histogram exports for the same observations', async () => {
    const buckets = [0.01, 0.1, 1];
    const observations: [string, string, number][] = [
      ['openai', '200', 0.005],
      ['openai', '200', 0.01],
      ['openai', '200', 0.5],
      ['anthropic', '502', 3],
      ['openai', '200', 0.1],
    ];
    const reference = new Registry();
    const theirs = new Histogram({
      name: 'demo_seconds',
      help: 'Demo.',
      labelNames: ['provider', 'status'],
      buckets,
      registers: [reference],
    });
    const registry = new Registry();
    const ours = new SeriesHistogram({ name: 'demo_seconds', help: 'Demo.', buckets });
    registry.registerMetric(ours.asMetric());
    for (const [provider, status, value] of observations) {
      theirs.observe({ provider, status }, value);
      ours.observe(`${provider}/${status}`, () => ({ provider, status }), value);
    }
    expect(await registry.metrics()).toBe(await reference.metrics());
    expect(await registry.metrics()).toContain(
      'demo_seconds_bucket{le="0.1",provider="openai",status="200"} 3',
    );
    ours.reset();
    expect(await registry.metrics()).not.toContain('provider="openai"');
  });
});
