export interface MonthSpendInput {
  /** Spend from monthStart up to asOf, integer nano-USD. */
  spentNanoUsd: bigint;
  monthStart: Date;
  /** Start of the next month. */
  monthEnd: Date;
  asOf: Date;
}

/**
 * Straight-line end-of-month forecast in integers: spent ÷ elapsed days × days in the month,
 * with both "days" measured as real elapsed time (milliseconds), so a month with a DST change
 * is as long as it really is and the forecast at the month's end equals what was spent.
 * Rounded half up to the nano-USD. Before any time has elapsed there is nothing to project.
 */
export function forecastMonthSpend(input: MonthSpendInput): bigint {
  const monthMs = BigInt(input.monthEnd.getTime() - input.monthStart.getTime());
  const elapsedMs = BigInt(
    Math.min(input.asOf.getTime(), input.monthEnd.getTime()) - input.monthStart.getTime(),
  );
  if (elapsedMs <= 0n) return input.spentNanoUsd;
  return (2n * input.spentNanoUsd * monthMs + elapsedMs) / (2n * elapsedMs);
}
