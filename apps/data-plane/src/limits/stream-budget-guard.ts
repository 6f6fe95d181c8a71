import { GatewayError } from '@switchyard/errors';
import { charactersPerToken } from '@switchyard/policy';
import type { RequestContext } from '../chat/request-context.js';

interface GuardState {
  /** Output tokens the reservation paid for; below this the stream cannot cross a cap. */
  reservedOutputTokens: number;
  /** nano-USD per output token (rounded up). */
  outputRate: bigint;
  /** Prompt-side cost assumed at admission. */
  promptCost: bigint;
  caps: { name: string; headroom: bigint }[];
  streamedCharacters: number;
}

const guards = new WeakMap<RequestContext, GuardState>();

/** Arms the guard for a streaming request that has blocking budgets (called by admission). */
export function armStreamBudgetGuard(
  context: RequestContext,
  state: Omit<GuardState, 'streamedCharacters'>,
): void {
  if (state.caps.length > 0) guards.set(context, { ...state, streamedCharacters: 0 });
}

/**
 * Counts streamed output and throws `budget_exceeded` once the stream's running cost would take
 * a blocking budget past its cap. Reservations cover the requested (or catalog) maximum output,
 * so this only fires when a provider streams more than that allowance; the stream is then cut
 * with an explicit error event rather than running on unpaid.
 */
export function checkStreamBudget(context: RequestContext, characters: number): void {
  const guard = guards.get(context);
  if (!guard) return;
  guard.streamedCharacters += characters;
  const tokens = Math.ceil(guard.streamedCharacters / charactersPerToken);
  if (tokens <= guard.reservedOutputTokens) return;
  const cost = guard.promptCost + BigInt(tokens) * guard.outputRate;
  for (const cap of guard.caps) {
    if (cost > cap.headroom) {
      guards.delete(context);
      throw new GatewayError(
        `Budget '${cap.name}' reached its cap while this response was streaming; the stream was stopped.`,
        {
          code: 'budget_exceeded',
          status: 429,
          fault: 'policy',
          details: { budget_name: cap.name },
        },
      );
    }
  }
}
