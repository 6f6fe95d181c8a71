import { z } from 'zod';
import { DEFAULT_HELPER_THREAD_NICE } from './runtime/helper-thread-priority.cjs';

/** Data-plane configuration, validated once at start; a bad variable is named in the error. */
const configSchema = z.object({
  DATA_PLANE_HOST: z.string().min(1).default('127.0.0.1'),
  DATA_PLANE_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  SWITCHYARD_REDIS_PREFIX: z.string().min(1).default('sy:'),
  SWITCHYARD_MASTER_KEYS: z.string().min(1, 'is required (format keyId:base64-32-bytes)'),
  /** Load the policy snapshot from this JSON file instead of Redis (tests, benchmarks). */
  SWITCHYARD_SNAPSHOT_FILE: z.string().min(1).optional(),
  USAGE_SPOOL_DIR: z.string().min(1).default('.data/usage-spool'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Emit one log line per request (on by default; the benchmark turns it off to measure overhead). */
  REQUEST_LOGGING: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  /** Failed authentications per source address per minute before it is refused (429). */
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
  /** Largest accepted request header block (Node's maxHeaderSize). */
  MAX_HEADER_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024)
    .default(32 * 1024),
  /** Extra regular expressions (JSON array of strings) redacted from logged payloads. */
  PAYLOAD_REDACTION_PATTERNS: z
    .string()
    .default('[]')
    .transform((text, context) => {
      try {
        const patterns = JSON.parse(text) as unknown;
        if (!Array.isArray(patterns) || !patterns.every((pattern) => typeof pattern === 'string'))
          throw new Error('not an array of strings');
        return patterns.map((pattern: string) => new RegExp(pattern, 'g'));
      } catch (error) {
        context.addIssue({
          code: 'custom',
          message: `must be a JSON array of regular expressions (${(error as Error).message})`,
        });
        return z.NEVER;
      }
    }),
  /** Longest time a client may take to send its whole request (slowloris guard), in ms. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** Old-space growth allowed between full GCs, in percent of live size (0: V8's heuristic). */
  HEAP_GROWTH_PERCENT: z.coerce.number().int().min(0).max(1_000).default(25),
  /**
   * Nice value for V8's helper threads (GC marking, JIT compiles) so that on a core shared with
   * the event loop they use its idle time instead of preempting requests (0: leave them alone).
   * Applied by server.cts before this schema runs; validated here so a bad value is named.
   */
  HELPER_THREAD_NICE: z.coerce.number().int().min(0).max(19).default(DEFAULT_HELPER_THREAD_NICE),
  /** How long a graceful shutdown waits for in-flight requests before flushing and exiting. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(25_000),
  /** OTLP/HTTP collector for traces (off when neither is set). */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional(),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(20 * 1024 * 1024),
});

export type DataPlaneConfig = z.infer<typeof configSchema>;

/** Parses the environment; throws an Error whose message names every bad variable. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): DataPlaneConfig {
  const result = configSchema.safeParse(environment);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `  ${issue.path.join('.')}: ${issue.message}`,
  );
  throw new Error(`Invalid data-plane configuration:\n${problems.join('\n')}`);
}
