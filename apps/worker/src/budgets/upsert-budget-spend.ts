import { Prisma } from '@switchyard/db';
import type { BudgetSpendIncrement } from './aggregate-budget-spend.js';

const rowsPerStatement = 1_000;

/** Adds spend increments in the database (INSERT … ON CONFLICT DO UPDATE), safe under concurrency. */
export async function upsertBudgetSpend(
  transaction: Prisma.TransactionClient,
  increments: readonly BudgetSpendIncrement[],
): Promise<void> {
  for (let start = 0; start < increments.length; start += rowsPerStatement) {
    const values = increments
      .slice(start, start + rowsPerStatement)
      .map(
        (row) =>
          Prisma.sql`(${row.budgetId}, ${row.periodStart}::timestamptz, ${row.spentNanoUsd}::bigint, ${row.requestCount}::bigint, now())`,
      );
    await transaction.$executeRaw`
      INSERT INTO budget_spends AS spend (budget_id, period_start, spent_nano_usd, request_count, updated_at)
      VALUES ${Prisma.join(values)}
      ON CONFLICT (budget_id, period_start) DO UPDATE SET
        spent_nano_usd = spend.spent_nano_usd + EXCLUDED.spent_nano_usd,
        request_count = spend.request_count + EXCLUDED.request_count,
        updated_at = now()`;
  }
}
