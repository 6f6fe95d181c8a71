import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { anthropicMock } from './anthropic-mock.js';
import { azureOpenAiMock } from './azure-openai-mock.js';
import { bedrockMock } from './bedrock-mock.js';
import {
  headerValue,
  type DialectRequest,
  type DialectRoute,
  type MockDialectHandler,
} from './dialect.js';
import { FaultBook, faultHeader, parseFaultHeader } from './faults.js';
import { geminiMock } from './gemini-mock.js';
import { asRecord, parseJson } from './json.js';
import { openAiMock } from './openai-mock.js';
import { jsonPlan, type ResponsePlan } from './response-plan.js';
import { resolveScenario, scenarioHeader } from './scenario.js';
import type {
  MockCredentials,
  MockDialect,
  MockFault,
  MockProvider,
  MockProviderOptions,
  RecordedRequest,
  ScenarioSetting,
} from './types.js';
import { trackResponseClose } from './track-response-close.js';
import { writeResponse } from './write-response.js';

const handlers: readonly MockDialectHandler[] = [
  openAiMock,
  azureOpenAiMock,
  anthropicMock,
  geminiMock,
  bedrockMock,
];

const credentialKeyOf: Record<MockDialect, keyof MockCredentials> = {
  openai: 'openai',
  'azure-openai': 'azureOpenai',
  anthropic: 'anthropic',
  gemini: 'gemini',
  bedrock: 'bedrock',
};

/**
 * Starts one HTTP server on 127.0.0.1 (ephemeral port, keep-alive) that answers in the exact wire
 * format of every enabled provider dialect, replaying recorded responses with optional faults.
 *
 * Order per request: record → connection reset / latency faults → auth → status fault → answer,
 * so an injected 429 still requires valid credentials, like a real provider.
 */
export async function startMockProvider(options: MockProviderOptions = {}): Promise<MockProvider> {
  const enabled = handlers.filter(
    (handler) => options.dialects === undefined || options.dialects.includes(handler.dialect),
  );
  const requests: RecordedRequest[] = [];
  const faults = new FaultBook();
  if (options.faults !== undefined) faults.set(options.faults);
  let scenario: ScenarioSetting | undefined = options.scenario;
  // Aborted on close(), so pending delays and stalled streams stop at once.
  const lifetime = new AbortController();

  const server = createServer({ keepAlive: true }, (request, response) => {
    handle(request, response).catch((error: unknown) => {
      // A bug in the mock must surface in the test output, not as a hang.
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(
          `mock provider error: ${error instanceof Error ? error.stack : String(error)}`,
        );
      } else {
        response.destroy();
      }
    });
  });
  server.keepAliveTimeout = 30_000;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawBody = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    const { handler, route } = findRoute(enabled, method, url.pathname);
    const parsedBody = rawBody === '' ? undefined : parseJson(rawBody);
    const record: RecordedRequest = {
      dialect: handler?.dialect,
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: request.headers,
      body: parsedBody,
      rawBody,
      receivedAt: new Date(),
    };
    requests.push(record);
    trackResponseClose(record, response);

    const signal = AbortSignal.any([lifetime.signal, closedSignal(response)]);
    if (handler === undefined || route === undefined) {
      const plan = jsonPlan(
        404,
        {},
        {
          error: {
            message: `mock provider: no route for ${method} ${url.pathname}`,
            type: 'not_found',
          },
        },
      );
      return writeResponse(response, plan, undefined, signal);
    }

    let fault: MockFault | undefined;
    const injected = headerValue(request.headers, faultHeader);
    try {
      fault =
        injected === undefined
          ? faults.take(handler.dialect, url.pathname)
          : parseFaultHeader(injected);
    } catch (error) {
      return writeResponse(
        response,
        handler.error(400, `mock provider: ${messageOf(error)}`),
        undefined,
        signal,
      );
    }
    record.fault = fault;

    if (fault?.connectionReset === true) {
      request.socket.resetAndDestroy();
      return;
    }
    if (fault?.latencyMs !== undefined && !(await delay(fault.latencyMs, signal))) return;

    const body = asRecord(parsedBody);
    const dialectRequest: DialectRequest = {
      route,
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body: body ?? {},
      options,
      scenario: () => {
        const resolved = resolveScenario(
          handler.dialect,
          headerValue(request.headers, scenarioHeader),
          scenario,
        );
        record.scenario = resolved.label;
        return resolved;
      },
    };
    const acceptedKeys =
      options.credentials?.[credentialKeyOf[handler.dialect]] ?? options.credentials?.keys;
    const plan = planResponse(
      handler,
      dialectRequest,
      acceptedKeys,
      fault,
      method === 'POST' && body === undefined,
    );
    return writeResponse(response, plan, fault, signal);
  }

  function planResponse(
    handler: MockDialectHandler,
    request: DialectRequest,
    acceptedKeys: string[] | undefined,
    fault: MockFault | undefined,
    badBody: boolean,
  ): ResponsePlan {
    const rejected = handler.authenticate(request, acceptedKeys);
    if (rejected !== undefined) return rejected;
    if (fault?.status !== undefined) {
      const plan = handler.error(fault.status);
      if (fault.body === undefined || plan.kind !== 'json') return plan;
      return {
        ...plan,
        body: typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body),
      };
    }
    if (badBody) return handler.error(400, 'mock provider: the request body must be a JSON object');
    try {
      return handler.respond(request);
    } catch (error) {
      // Scenario errors (unknown name, wrong dialect) are the test's mistake: say so clearly.
      return handler.error(400, `mock provider: ${messageOf(error)}`);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setFaults: (rules) => faults.set(rules),
    setScenario: (setting) => {
      scenario = setting;
    },
    reset: () => {
      requests.length = 0;
      faults.clear();
      if (options.faults !== undefined) faults.set(options.faults);
      scenario = options.scenario;
    },
    close: async () => {
      lifetime.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function findRoute(
  enabled: readonly MockDialectHandler[],
  method: string,
  path: string,
): { handler?: MockDialectHandler; route?: DialectRoute } {
  for (const handler of enabled) {
    const route = handler.match(method, path);
    if (route !== undefined) return { handler, route };
  }
  return {};
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Aborts when the client side of this response goes away. */
function closedSignal(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => controller.abort());
  return controller.signal;
}

async function delay(milliseconds: number, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(milliseconds, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
