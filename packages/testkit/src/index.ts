/**
 * @switchyard/testkit — protocol-exact mock LLM providers with fault injection, and isolation
 * helpers (a database and a Redis prefix per test run) for integration tests.
 */
export { startMockProvider } from './mock-providers/start-mock-provider.js';
export type {
  MockCredentials,
  MockDialect,
  MockFault,
  MockFaultRule,
  MockProvider,
  MockProviderOptions,
  ProgrammaticScenario,
  RecordedRequest,
  RecordedScenarioName,
  ScenarioReference,
  ScenarioSetting,
  ScenarioToolCall,
  ScenarioUsage,
} from './mock-providers/types.js';
export { faultHeader } from './mock-providers/faults.js';
export { scenarioHeader } from './mock-providers/scenario.js';
export { trackResponseClose } from './mock-providers/track-response-close.js';
export {
  isRecordedScenarioName,
  readRecordedBody,
  readRecordedChunks,
  recordedFixturesDirectory,
  recordedScenarios,
  type RecordedFamily,
  type RecordedScenarioInfo,
} from './mock-providers/fixtures.js';
export {
  formatDataEvent,
  formatNamedEvent,
  openAiDoneEvent,
  parseSseText,
  type ParsedSseEvent,
} from './mock-providers/sse.js';
export {
  decodeEventStreamMessages,
  encodeBedrockEvent,
  encodeBedrockException,
  encodeEventStreamMessage,
  EventStreamChecksumError,
  type EventStreamHeaderValue,
  type EventStreamMessage,
} from './mock-providers/aws-eventstream.js';
export { embeddingVector } from './mock-providers/embedding-vectors.js';
export {
  createTestDatabase,
  defaultDatabaseAdminUrl,
  type CreateTestDatabaseOptions,
  type TestDatabase,
} from './isolation/create-test-database.js';
export {
  createRedisPrefix,
  defaultRedisUrl,
  deleteKeysWithPrefix,
  type CreateRedisPrefixOptions,
  type RedisPrefix,
} from './isolation/create-redis-prefix.js';
import './vitest-provided-context.js';
export { SnapshotBuilder, createTestKeyRing, testPrice } from './snapshots/snapshot-builder.js';
