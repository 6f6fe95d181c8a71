import { createRequire } from 'node:module';

/**
 * graphql 16 ships CommonJS (`main`) and ESM (`module`) builds. Node — and therefore NestJS and
 * Mercurius — load the CommonJS one, but a bundler-style resolver (vitest/vite) picks the ESM one
 * for our sources, and two copies break `instanceof` checks (e.g. "Cannot determine a GraphQL
 * output type" for our scalar). Requiring it here always yields the copy NestJS uses.
 */
const require = createRequire(import.meta.url);
const graphql = require('graphql') as typeof import('graphql');

export const { GraphQLError, GraphQLScalarType, Kind } = graphql;
