export * from './usage-event.js';
export * from './usage-queue.js';
export { UsageQueueUnavailableError, type UsageRedisConnection } from './usage-batch-sender.js';
export { createUsageEmitter } from './durable-usage-emitter.js';
export type {
  UsageEmitter,
  UsageEmitterLogger,
  UsageEmitterOptions,
  UsageEmitterStats,
} from './usage-emitter.js';
export {
  aggregateUsageRollups,
  bucketStart,
  type LoggedUsage,
  type RollupGranularity,
  type UsageRollupRow,
} from './aggregate-usage-rollups.js';
export {
  budgetCounterKey,
  budgetCounterTtlSeconds,
  budgetPeriod,
  isValidTimeZone,
  type BudgetPeriod,
  type BudgetPeriodKind,
} from './budget-period.js';
export {
  signWebhookPayload,
  verifyWebhookSignature,
  webhookAlertIdHeader,
  webhookSignatureHeader,
} from './webhook-signature.js';
