import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { MercuriusDriver } from '@nestjs/mercurius';
import type { Logger } from 'pino';
import type { ControlPlaneConfig } from '../infra/config.js';
import { createErrorFormatter } from './format-graphql-error.js';
import { JsonScalar } from './json-scalar.js';

const here = fileURLToPath(new URL('.', import.meta.url));
/** Committed next to the sources so schema changes show up in review. */
export const schemaFilePath = join(here, 'schema.gql');
/** True when running from src/ (tests, tsx) rather than the compiled dist/ of an installed app. */
const runningFromSources = /[\\/]src[\\/]graphql[\\/]$/.test(here);

/**
 * Code-first GraphQL on Mercurius. schema.gql is regenerated only when running from the sources
 * (the test run keeps it current); a compiled app never writes into its install directory.
 */
export function graphqlOptions(config: ControlPlaneConfig, logger: Logger): MercuriusDriverConfig {
  return {
    driver: MercuriusDriver,
    path: '/graphql',
    autoSchemaFile: runningFromSources && !config.production ? schemaFilePath : true,
    sortSchema: true,
    resolvers: { JSON: JsonScalar },
    graphiql: !config.production,
    errorFormatter: createErrorFormatter(logger),
    // Deep nesting buys nothing in this schema and is a cheap denial-of-service vector.
    queryDepth: 8,
  };
}
