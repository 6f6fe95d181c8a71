import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../../..');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (name === 'node_modules' || name === 'dist' || name === 'test') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the Grafana dashboard', () => {
  it('only queries metrics that some app actually exports', () => {
    const dashboard = readFileSync(join(root, 'infra/grafana/switchyard-dashboard.json'), 'utf8');
    const used = new Set(
      [...dashboard.matchAll(/switchyard_[a-z_]+/g)].map((match) =>
        match[0].replace(/_(bucket|sum|count)$/, ''),
      ),
    );
    const sources = ['apps/data-plane/src', 'apps/worker/src', 'apps/control-plane/src']
      .flatMap((directory) => sourceFiles(join(root, directory)))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const defined = new Set(
      [...sources.matchAll(/name: '(switchyard_[a-z_]+)'/g)].map((match) => match[1]!),
    );
    // Default process metrics are registered with a prefix rather than by name.
    for (const name of used) if (name.startsWith('switchyard_gateway_process_')) defined.add(name);
    expect([...used].filter((name) => !defined.has(name))).toEqual([]);
    expect(used.size).toBeGreaterThan(10);
  });
});
