/**
 * Types of the values the integration global setup (packages/testkit vitest-global-setup.ts)
 * provides. Mirrors testkit's augmentation so this package's tests typecheck without depending
 * on testkit.
 */
import type {} from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    TEST_DATABASE_URL: string;
    TEST_REDIS_URL: string;
    TEST_REDIS_PREFIX: string;
  }
}

export {};
