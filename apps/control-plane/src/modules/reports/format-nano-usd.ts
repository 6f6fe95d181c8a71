const nanoPerUsd = 1_000_000_000n;

/**
 * Integer nano-USD as an exact USD decimal with 9 places ("1234" → "0.000001234"): moving the
 * decimal point, never a float, so a spreadsheet sees the same amount the API counted.
 */
export function formatNanoUsd(nanoUsd: bigint): string {
  const negative = nanoUsd < 0n;
  const magnitude = negative ? -nanoUsd : nanoUsd;
  const whole = magnitude / nanoPerUsd;
  const fraction = (magnitude % nanoPerUsd).toString().padStart(9, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}
