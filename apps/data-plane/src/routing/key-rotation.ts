import type { CompiledDeployment } from '../snapshot/compiled-snapshot.js';

/**
 * Spreads requests over a provider account's upstream keys (round robin) and rests a key that
 * got a 429 until its retry-after passed. State is per process and lost on restart, which is
 * fine: a rested key that is still limited simply answers 429 again.
 */
export class KeyRotation {
  private readonly cursor = new Map<string, number>();
  private readonly restingUntil = new Map<string, number>();

  /** Index into `candidate.keys` of the key to use now. */
  pick(candidate: CompiledDeployment, nowMs: number): number {
    const keys = candidate.keys;
    if (keys.length === 1) return 0;
    const accountId = candidate.account.id;
    const start = this.cursor.get(accountId) ?? 0;
    this.cursor.set(accountId, (start + 1) % keys.length);
    for (let offset = 0; offset < keys.length; offset++) {
      const index = (start + offset) % keys.length;
      const key = keys[index];
      if (key && (this.restingUntil.get(key.id) ?? 0) <= nowMs) return index;
    }
    return start % keys.length;
  }

  /** Whether some key of the account is not resting now (so a 429 need not wait for its retry-after). */
  hasFreeKey(candidate: CompiledDeployment, nowMs: number): boolean {
    if (candidate.keys.length < 2) return false;
    return candidate.keys.some((key) => (this.restingUntil.get(key.id) ?? 0) <= nowMs);
  }

  /** Takes a key out of rotation until `untilMs`. */
  rest(candidate: CompiledDeployment, keyIndex: number, untilMs: number): void {
    const key = candidate.keys[keyIndex];
    if (key) this.restingUntil.set(key.id, untilMs);
  }
}
