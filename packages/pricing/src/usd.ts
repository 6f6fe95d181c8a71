/**
 * Converts a decimal USD amount per million tokens (as written on price pages, e.g. "0.0375") to
 * integer nano-USD per million tokens. Parsed from the string, so no binary float ever touches a
 * price: `usdPerMillion('2.50') === 2_500_000_000`.
 */
export function usdPerMillion(decimal: string): number {
  const match = /^(\d+)(?:\.(\d{1,9}))?$/.exec(decimal);
  if (!match)
    throw new RangeError(`not a non-negative USD amount with at most 9 decimals: "${decimal}"`);
  const whole = BigInt(match[1] ?? '0');
  const fraction = BigInt((match[2] ?? '').padEnd(9, '0'));
  const nano = whole * 1_000_000_000n + fraction;
  // Snapshot prices are JSON numbers; keep them exactly representable.
  if (nano > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`price too large: ${decimal}`);
  return Number(nano);
}

/** Renders integer nano-USD as a decimal USD string with 9 decimals, for logs and reports. */
export function formatNanoUsd(nano: bigint): string {
  const sign = nano < 0n ? '-' : '';
  const magnitude = nano < 0n ? -nano : nano;
  const whole = magnitude / 1_000_000_000n;
  const fraction = (magnitude % 1_000_000_000n).toString().padStart(9, '0');
  return `${sign}${whole}.${fraction}`;
}
