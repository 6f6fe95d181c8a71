/**
 * Values the integration global setup hands to tests. Read them with
 * `inject('TEST_DATABASE_URL')` from 'vitest'; this augmentation types them.
 */
import type {} from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the migrated database created for this test run. */
    TEST_DATABASE_URL: string;
    /** Redis the tests share (env `REDIS_URL`, default redis://127.0.0.1:6379). */
    TEST_REDIS_URL: string;
    /** `sy:test:<random>:` — prefix every Redis key a test writes with it. */
    TEST_REDIS_PREFIX: string;
  }
}

export {};
