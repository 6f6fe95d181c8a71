import { parseMasterKeyRing } from '@switchyard/policy';
import { z } from 'zod';

const postgresUrl = z
  .string({ error: 'is required (a postgresql:// URL)' })
  .min(1, 'is required (a postgresql:// URL)')
  .refine((value) => /^postgres(ql)?:\/\/.+/.test(value), 'must be a postgresql:// URL');

/** Worker configuration, validated once at start; a bad variable is named in the error. */
const configSchema = z.object({
  DATABASE_URL: postgresUrl,
  REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  /** Key prefix of this deployment; the usage queue lives under `${prefix}bull`. */
  SWITCHYARD_REDIS_PREFIX: z.string().min(1).default('sy:'),
  WORKER_HOST: z.string().min(1).default('127.0.0.1'),
  WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(8082),
  /** OTLP/HTTP collector for traces (off when neither is set). */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Usage batches processed in parallel by one worker process. */
  USAGE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** How long a job stays locked to a worker; a crashed worker's batch is retried after this. */
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(1_000).default(30_000),
  /** Body retention for tenants that enabled payload logging without setting a period. */
  PAYLOAD_RETENTION_DEFAULT_DAYS: z.coerce.number().int().min(0).max(3_650).default(30),
  /** How often expired prompt/completion bodies are erased. */
  PAYLOAD_RETENTION_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(15 * 60_000),
  /**
   * Key ring (`keyId:base64key,…`) that opens alert channels' signing secrets; without it alerts
   * are recorded but cannot be delivered.
   */
  SWITCHYARD_MASTER_KEYS: z
    .string()
    .optional()
    .superRefine((text, context) => {
      if (text === undefined) return;
      try {
        parseMasterKeyRing(text);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  /** How often Redis budget counters are raised to the spend Postgres knows about. */
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(1_000).default(60_000),
  /** How often spend spikes, error-rate spikes and budget thresholds are evaluated. */
  ALERT_EVALUATION_INTERVAL_MS: z.coerce.number().int().min(1_000).default(60_000),
  /** Delivery attempts per alert and channel before it is dead-lettered. */
  ALERT_DELIVERY_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(6),
  /** First retry delay; each later one doubles (10 s, 20 s, 40 s … by default). */
  ALERT_DELIVERY_BACKOFF_MS: z.coerce.number().int().min(1).max(3_600_000).default(10_000),
  /** How long a webhook receiver may take to answer one delivery. */
  ALERT_DELIVERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  ALERT_DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** A tenant's spend this hour above this many times its mean hourly spend of the last 24 h … */
  SPEND_SPIKE_FACTOR: z.coerce.number().min(1).max(1_000).default(3),
  /** … and at least this much (nano-USD; default $5) is a spend spike. */
  SPEND_SPIKE_MIN_NANO_USD: z
    .string()
    .regex(/^\d{1,19}$/, 'must be a whole number of nano-USD')
    .default('5000000000')
    .transform((value) => BigInt(value)),
  /** Sliding window over which a provider's error rate is measured. */
  ERROR_RATE_WINDOW_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
  /** Error rate (percent of attempts on the provider) that fires an error-rate alert … */
  ERROR_RATE_THRESHOLD_PERCENT: z.coerce.number().min(0.1).max(100).default(20),
  /** … once the window holds at least this many attempts (a few failures are not a spike). */
  ERROR_RATE_MIN_REQUESTS: z.coerce.number().int().min(1).default(20),
});

export type WorkerConfig = z.infer<typeof configSchema>;

/** Parses the environment; throws an Error whose message names every bad variable. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const result = configSchema.safeParse(environment);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `  ${issue.path.join('.')}: ${issue.message}`,
  );
  throw new Error(`Invalid worker configuration:\n${problems.join('\n')}`);
}
