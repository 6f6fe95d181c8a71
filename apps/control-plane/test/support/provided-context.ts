/**
 * Types of the values the testkit global setup provides (same declaration as in
 * packages/testkit/src/vitest-provided-context.ts, repeated so this app's typecheck does not
 * depend on testkit being built first).
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
