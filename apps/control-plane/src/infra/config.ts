import { parseMasterKeyRing, type MasterKeyRing } from '@switchyard/policy';
import { z } from 'zod';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every variable the control plane reads; nothing else touches `process.env`. */
const environmentSchema = z.object({
  DATABASE_URL: z
    .string({ error: 'is required (a postgres:// connection URL)' })
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .default('redis://127.0.0.1:6379'),
  SWITCHYARD_REDIS_PREFIX: z.string().min(1).default('sy:'),
  SWITCHYARD_MASTER_KEYS: z.string({
    error: 'is required (format keyId:base64-of-32-random-bytes[,…]; first key seals new secrets)',
  }),
  CONTROL_PLANE_PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int()
    .min(0)
    .max(65535)
    .default(8081),
  CONTROL_PLANE_HOST: z.string().min(1).default('127.0.0.1'),
  SWITCHYARD_ADMIN_TOKEN: z
    .string()
    .min(24, 'must be at least 24 characters (use a long random string)')
    .optional(),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  NODE_ENV: z.string().default('development'),
  SWITCHYARD_ALLOW_PRIVATE_UPSTREAMS: z.string().default(''),
});

/** The validated, parsed configuration handed to `createControlPlane`. */
export interface ControlPlaneConfig {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  masterKeys: MasterKeyRing;
  port: number;
  host: string;
  /** Bootstrap platform-admin token; created (hashed) at start when set. */
  bootstrapAdminToken: string | undefined;
  logLevel: (typeof logLevels)[number];
  production: boolean;
  /** Hostnames and CIDRs a platform admin allows as provider base URLs despite being private. */
  allowPrivateUpstreams: string[];
}

/** Thrown for a missing or malformed variable; the message names each one. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment once at start; throws ConfigError naming every bad variable. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): ControlPlaneConfig {
  const result = environmentSchema.safeParse(environment);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `  ${issue.path.join('.')}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid control-plane configuration:\n${problems.join('\n')}`);
  }
  const values = result.data;
  let masterKeys: MasterKeyRing;
  try {
    masterKeys = parseMasterKeyRing(values.SWITCHYARD_MASTER_KEYS);
  } catch (error) {
    throw new ConfigError(`Invalid control-plane configuration:\n  ${(error as Error).message}`);
  }
  return {
    databaseUrl: values.DATABASE_URL,
    redisUrl: values.REDIS_URL,
    redisPrefix: values.SWITCHYARD_REDIS_PREFIX,
    masterKeys,
    port: values.CONTROL_PLANE_PORT,
    host: values.CONTROL_PLANE_HOST,
    bootstrapAdminToken: values.SWITCHYARD_ADMIN_TOKEN,
    logLevel: values.LOG_LEVEL,
    production: values.NODE_ENV === 'production',
    allowPrivateUpstreams: values.SWITCHYARD_ALLOW_PRIVATE_UPSTREAMS.split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  };
}
