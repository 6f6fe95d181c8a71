import type { IncomingHttpHeaders } from 'node:http';

/** The wire dialects one mock server speaks; each owns its own paths. */
export type MockDialect = 'openai' | 'azure-openai' | 'anthropic' | 'gemini' | 'bedrock';

/** Names of the recorded responses under fixtures/recorded (file base names). */
export type RecordedScenarioName =
  | 'openai-text'
  | 'groq-tool-call'
  | 'deepseek-reasoning'
  | 'mistral-text'
  | 'xai-tool-call'
  | 'anthropic-text'
  | 'anthropic-json-tool.1'
  | 'google-text'
  | 'google-tool-call'
  | 'amazon-bedrock-text'
  | 'amazon-bedrock-tool-call.1';

/** Provider-neutral token counts; each dialect maps them onto its own usage fields. */
export interface ScenarioUsage {
  inputTokens: number;
  outputTokens: number;
}

/** One tool call a synthesized response should contain. */
export interface ScenarioToolCall {
  name: string;
  /** Parsed arguments; serialized in each provider's own way (string for OpenAI, object elsewhere). */
  arguments: Record<string, unknown>;
  /** Provider-style id; one is minted when omitted. */
  id?: string;
}

/** A response the mock synthesizes in the exact shape of the dialect that was called. */
export type ProgrammaticScenario =
  | {
      kind: 'text';
      text: string;
      /** Model the response claims; defaults to the requested model. */
      model?: string;
      usage?: ScenarioUsage;
      /** Reasoning text, sent where the dialect has a channel for it (OpenAI `reasoning_content`). */
      reasoning?: string;
      /** `length` simulates truncation at max tokens. Default `stop`. */
      finishReason?: 'stop' | 'length';
    }
  | {
      kind: 'tool-call';
      toolCalls: ScenarioToolCall[];
      /** Optional text sent before the tool calls. */
      text?: string;
      model?: string;
      usage?: ScenarioUsage;
    };

/** A recorded fixture name, or a programmatic scenario. */
export type ScenarioReference = RecordedScenarioName | ProgrammaticScenario;

/**
 * Default scenario of a mock: one reference (recorded names only apply to routes of their own
 * dialect; programmatic ones apply everywhere), or one per dialect.
 */
export type ScenarioSetting = ScenarioReference | Partial<Record<MockDialect, ScenarioReference>>;

/** What can go wrong with one response. Fields combine (e.g. `latencyMs` + `status`). */
export interface MockFault {
  /** Reply with this status and the dialect's own error body for it (unless `body` is given). */
  status?: number;
  /** Replaces the error body: an object is sent as JSON, a string verbatim. */
  body?: unknown;
  /** Extra response headers, e.g. `{ 'retry-after': '2' }`. */
  headers?: Record<string, string>;
  /** Wait this long before sending the status line and headers. */
  latencyMs?: number;
  /** Send headers at once, then wait this long before the first body byte. */
  firstByteDelayMs?: number;
  /** Wait this long between stream chunks (between halves of a JSON body). */
  chunkDelayMs?: number;
  /** Destroy the socket after this many chunks were written. */
  disconnectAfterChunks?: number;
  /** Stop writing after this many chunks but keep the socket open (until `close()`). */
  stallAfterChunks?: number;
  /** After this many stream chunks, send the dialect's in-stream error event and end. */
  errorAfterChunks?: number;
  /** Send an invalid JSON body, or a broken SSE/eventstream frame in a stream. */
  malformedBody?: boolean;
  /** Reset the TCP connection without any response. */
  connectionReset?: boolean;
  /** Send a whole stream in one write, as a buffering proxy delivers it (one network read). */
  coalesceChunks?: boolean;
}

/** A fault plus when it applies. */
export interface MockFaultRule extends MockFault {
  /** Apply to this many matching requests, then retire. Omitted: every matching request. */
  times?: number;
  /** Only requests of this dialect. */
  dialect?: MockDialect;
  /** Only requests whose path contains this string or matches this pattern. */
  path?: string | RegExp;
}

/** Which API keys each dialect accepts. Omitted: any non-empty credential is accepted. */
export interface MockCredentials {
  /** Keys accepted by every dialect unless overridden below. */
  keys?: string[];
  openai?: string[];
  azureOpenai?: string[];
  anthropic?: string[];
  gemini?: string[];
  /** AWS access key ids accepted in the SigV4 `Credential=` (or Bedrock API keys as Bearer). */
  bedrock?: string[];
}

/** Options of {@link startMockProvider}. */
export interface MockProviderOptions {
  /** Dialects served; other paths get 404. Default: all of them on one server. */
  dialects?: MockDialect[];
  /** Default scenario (see {@link ScenarioSetting}); per-dialect recorded defaults otherwise. */
  scenario?: ScenarioSetting;
  /** Accepted credentials. */
  credentials?: MockCredentials;
  /** Model name every response claims, to simulate provider-side model drift. */
  servedModel?: string;
  /** Faults active from the start (same as calling `setFaults`). */
  faults?: MockFaultRule | MockFaultRule[];
  /** Model ids listed by `GET /v1/models`. */
  models?: string[];
  /** Line ending of Gemini SSE events: `\n` (default) or `\r\n`. */
  geminiLineEnding?: '\n' | '\r\n';
  /** Port to listen on; default 0 (ephemeral). The local demo provider uses a fixed one. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
}

/** One request as the mock received it. */
export interface RecordedRequest {
  dialect: MockDialect | undefined;
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or undefined when the body was empty or not JSON. */
  body: unknown;
  rawBody: string;
  /** The scenario that answered (fixture name or `programmatic:<kind>`), if any. */
  scenario?: string;
  /** The fault applied, if any. */
  fault?: MockFault;
  receivedAt: Date;
  /**
   * Whether the connection closed before the whole response was written (the client went away,
   * or a fault cut it); undefined while the response is in flight. See `trackResponseClose`.
   */
  closedEarly?: boolean;
}

/** A running mock provider. */
export interface MockProvider {
  /** Base URL, e.g. `http://127.0.0.1:53211` (no trailing slash, no `/v1`). */
  url: string;
  /** Every request received, oldest first. */
  requests: RecordedRequest[];
  /** Replace the fault rules (an empty array clears them). */
  setFaults(faults: MockFaultRule | MockFaultRule[]): void;
  /** Replace the default scenario. */
  setScenario(scenario: ScenarioSetting | undefined): void;
  /** Forget recorded requests; restore the faults and scenario given at start. */
  reset(): void;
  /** Stop the server, dropping open (e.g. stalled) connections. */
  close(): Promise<void>;
}
