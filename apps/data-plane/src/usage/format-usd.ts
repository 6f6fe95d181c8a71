/** Renders integer nano-USD as a decimal USD string without floating-point arithmetic. */
export function formatUsd(nanoUsd: bigint): string {
  const negative = nanoUsd < 0n;
  const absolute = negative ? -nanoUsd : nanoUsd;
  const whole = absolute / 1_000_000_000n;
  const fraction = (absolute % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? '.' + fraction : ''}`;
}
