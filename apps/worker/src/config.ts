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
