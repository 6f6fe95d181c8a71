import type { AdmissionPlan } from './plan-admission.js';

/**
 * OpenAI-style `x-ratelimit-*` headers for the most constrained request and token limits that
 * apply (https://platform.openai.com/docs/guides/rate-limits#rate-limits-in-headers).
 */
export function rateLimitHeaders(
  plan: AdmissionPlan,
  remaining: number[] | undefined,
  nowMs: number,
): Record<string, string> {
  const headers: Record<string, string> = {};
  const resetSeconds = Math.max(1, Math.ceil((60_000 - (nowMs % 60_000)) / 1000));
  for (const kind of ['requests', 'tokens'] as const) {
    let best: { max: number; remaining: number } | undefined;
    plan.rates.forEach((rate, index) => {
      if (rate.kind !== kind) return;
      const left = remaining?.[index] ?? 0;
      if (!best || left < best.remaining) best = { max: rate.max, remaining: Math.max(0, left) };
    });
    if (!best) continue;
    headers[`x-ratelimit-limit-${kind}`] = String(best.max);
    headers[`x-ratelimit-remaining-${kind}`] = String(best.remaining);
    headers[`x-ratelimit-reset-${kind}`] = `${resetSeconds}s`;
  }
  return headers;
}
