import { Prisma, type Database } from '@switchyard/db';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { usageEvent } from '../__fixtures__/usage-events.js';
import { InvalidUsageBatchError } from '../usage/parse-usage-batch.js';
import { handleUsageBatch } from './usage-batch.handler.js';

/**
 * An in-memory stand-in for the Prisma client with Postgres's ON CONFLICT DO NOTHING semantics,
 * recording the rollup/spend SQL the handler sends; apps/worker/test runs the real database.
 */
function fakeDatabase(existingIds: string[]) {
  const stored = new Set(existingIds);
  const statements: Prisma.Sql[] = [];
  const transaction = {
    /** INSERT INTO request_logs … RETURNING: 33 parameters per row, in column order. */
    async $queryRaw(strings: TemplateStringsArray, ...values: Prisma.Sql[]) {
      const sql = Prisma.sql(strings, ...values);
      const rows: Array<Record<string, unknown>> = [];
      for (let index = 0; index < sql.values.length; index += 33) {
        const row = sql.values.slice(index, index + 33);
        const id = String(row[0]);
        if (stored.has(id)) continue;
        stored.add(id);
        rows.push({
          id,
          tenantId: row[1],
          apiKeyId: row[2],
          tags: row[4],
          requestedModel: row[5],
          servedModel: row[6],
          provider: row[8],
          status: row[13],
          inputTokens: row[18],
          outputTokens: row[19],
          cacheReadTokens: row[20],
          cacheWriteTokens: row[21],
          reasoningTokens: row[22],
          costNanoUsd: row[23],
          createdAt: row[32],
        });
      }
      return rows;
    },
    async $executeRaw(strings: TemplateStringsArray, ...values: Prisma.Sql[]) {
      statements.push(Prisma.sql(strings, ...values));
      return 1;
    },
  };
  const db = {
    tenant: {
      findMany: async () => [
        { id: 'tenant-a', timezone: 'UTC', payloadLogging: false, payloadRetentionDays: null },
      ],
    },
    budget: {
      findMany: async () => [{ id: 'budget-1', tenantId: 'tenant-a', period: 'DAILY' }],
    },
    $transaction: async <T>(run: (tx: typeof transaction) => Promise<T>) => run(transaction),
  };
  return { db: db as unknown as Database, statements, stored };
}

const deps = (db: Database) => ({
  db,
  logger: pino({ level: 'silent' }),
  payloadRetentionDefaultDays: 30,
});
const table = (statement: Prisma.Sql) => /INSERT INTO (\w+)/.exec(statement.sql)?.[1];

describe('handleUsageBatch', () => {
  it('counts only the requests it inserted, and skips invalid events', async () => {
    const { db, statements, stored } = fakeDatabase(['r1']);
    const result = await handleUsageBatch(
      {
        batchId: 'b1',
        events: [
          usageEvent({ requestId: 'r1', costNanoUsd: '1000000' }),
          usageEvent({ requestId: 'r2', costNanoUsd: '7', budgetIds: ['budget-1'] }),
          usageEvent({ requestId: 'r3', costNanoUsd: '9007199254740993' }),
          { ...usageEvent({ requestId: 'r4' }), tenantId: '' },
        ],
      },
      deps(db),
    );
    expect(result).toEqual({ batchId: 'b1', received: 4, inserted: 2, duplicates: 1, invalid: 1 });
    expect([...stored].sort()).toEqual(['r1', 'r2', 'r3']);
    expect(statements.map(table)).toEqual(['usage_hourly', 'usage_daily', 'budget_spends']);
    // r2 + r3 share every dimension: one rollup row whose cost is their exact sum (not r1's).
    expect(statements[0]?.values).toContain(9_007_199_254_741_000n);
    expect(statements[0]?.values).not.toContain(9_007_199_255_740_993n);
    expect(statements[2]?.values).toEqual([
      'budget-1',
      new Date('2026-03-17T00:00:00.000Z'),
      7n,
      1n,
    ]);
  });

  it('writes nothing when every request was already logged', async () => {
    const { db, statements } = fakeDatabase(['r1']);
    const result = await handleUsageBatch(
      { batchId: 'b2', events: [usageEvent({ requestId: 'r1' })] },
      deps(db),
    );
    expect(result).toMatchObject({ inserted: 0, duplicates: 1 });
    expect(statements).toEqual([]);
  });

  it('rejects a malformed job payload as unrecoverable', async () => {
    const { db } = fakeDatabase([]);
    await expect(handleUsageBatch({ batchId: '', events: [] }, deps(db))).rejects.toThrow(
      InvalidUsageBatchError,
    );
  });
});
