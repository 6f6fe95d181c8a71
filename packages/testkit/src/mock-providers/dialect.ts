import type { IncomingHttpHeaders } from 'node:http';
import type { ResponsePlan } from './response-plan.js';
import type { ResolvedScenario } from './scenario.js';
import type { MockDialect, MockProviderOptions } from './types.js';

/** A matched route: which operation, and the values taken from the path. */
export interface DialectRoute {
  operation: string;
  params: Record<string, string>;
}

/** Everything a dialect needs to answer one request. */
export interface DialectRequest {
  route: DialectRoute;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (a POST without a JSON object body never reaches `respond`). */
  body: Record<string, unknown>;
  options: MockProviderOptions;
  /** Resolves (and records) the scenario; only operations that play one call it. */
  scenario(): ResolvedScenario;
}

/**
 * One provider dialect of the mock. Dialects build plans only; the server applies faults and
 * writes bytes, so fault behaviour is identical everywhere.
 */
export interface MockDialectHandler {
  dialect: MockDialect;
  /** The route for this method + path, or undefined if the dialect does not serve it. */
  match(method: string, path: string): DialectRoute | undefined;
  /** An error plan when the credentials are missing or wrong; undefined when accepted. */
  authenticate(
    request: DialectRequest,
    acceptedKeys: string[] | undefined,
  ): ResponsePlan | undefined;
  respond(request: DialectRequest): ResponsePlan;
  /** The dialect's own error response for a status (message defaults per status). */
  error(status: number, message?: string): ResponsePlan;
}

/** First value of a header that may repeat. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The token after `Bearer `, if the Authorization header has one. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(headerValue(headers, 'authorization') ?? '');
  return match?.[1]?.trim();
}

/** Accept any non-empty key when no list is configured, else only listed keys. */
export function isAcceptedKey(
  key: string | undefined,
  acceptedKeys: string[] | undefined,
): boolean {
  if (key === undefined || key === '') return false;
  return acceptedKeys === undefined || acceptedKeys.includes(key);
}

/** True when the request asked for a stream (`"stream": true` in the body). */
export function wantsStream(body: Record<string, unknown>): boolean {
  return body.stream === true;
}
