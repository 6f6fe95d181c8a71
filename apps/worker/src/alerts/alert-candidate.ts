import { z } from 'zod';

/** What can fire an alert. Stored in Alert.kind and sent as `kind` in the webhook body. */
export type AlertKind = 'budget_threshold' | 'spend_spike' | 'error_rate_spike' | 'model_drift';

/** JSON-safe detail values; money is a decimal string of nano-USD so it stays exact. */
export type AlertDataValue = string | number | boolean | null;

/** An alert an evaluator wants to fire; recording it decides whether it is new. */
export interface AlertCandidate {
  tenantId: string;
  kind: AlertKind;
  /**
   * Names the event so that it fires once: e.g. `budget_threshold:<budgetId>:<periodKey>:80`.
   * The event's first row is keyed by it, its other channels' rows `<eventKey>@<channelId>`.
   */
  eventKey: string;
  /** One line a person can read in a chat channel. */
  title: string;
  data: Record<string, AlertDataValue>;
}

/** What Alert.payload holds (and, with id, kind, tenant and time, what a webhook receives). */
export const alertPayloadSchema = z.object({
  eventKey: z.string(),
  title: z.string(),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type AlertPayload = z.infer<typeof alertPayloadSchema>;

/** Formats nano-USD as dollars for titles (display only; data keeps the exact integer). */
export function formatUsd(nanoUsd: bigint): string {
  const cents = (nanoUsd + 5_000_000n) / 10_000_000n;
  const dollars = cents / 100n;
  return `$${dollars.toLocaleString('en-US')}.${String(cents % 100n).padStart(2, '0')}`;
}
