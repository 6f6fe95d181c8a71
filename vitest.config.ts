import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// One vitest run covers the whole repo: `unit` is pure code (no I/O), `integration` talks to the
// real Postgres and Redis through an isolated database and key prefix made by the global setup.
// Vite transforms .ts/.mts only; the data plane's process entry and what it loads are .cts.
const oxc = { include: /\.(m?ts|cts|[jt]sx)$/ };

export default defineConfig({
  test: {
    projects: [
      {
        oxc,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
          exclude: ['apps/control-plane/**', '**/node_modules/**', '**/dist/**'],
        },
      },
      {
        oxc,
        test: {
          name: 'integration',
          include: [
            'packages/*/test/**/*.test.ts',
            'apps/*/test/**/*.test.ts',
            // Cross-app: a real data plane, worker and redis-server together (needs the built data plane).
            'test/reliability/**/*.test.ts',
          ],
          exclude: ['apps/control-plane/**', '**/node_modules/**', '**/dist/**'],
          globalSetup: ['packages/testkit/src/vitest-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // The whole platform started the way `npm run up` starts it.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 240_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // NestJS needs decorator metadata, which esbuild cannot emit; swc can.
        plugins: [swc.vite({ module: { type: 'es6' } })],
        test: {
          name: 'control-plane',
          include: ['apps/control-plane/src/**/*.spec.ts', 'apps/control-plane/test/**/*.test.ts'],
          globalSetup: ['packages/testkit/src/vitest-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
