import type { UsageEventInput } from '@switchyard/usage';

/** Where the data plane sends one usage event per request; emit must never block or throw. */
export interface UsageSink {
  emit(event: UsageEventInput): void;
  close(): Promise<void>;
  stats(): Record<string, number>;
}
