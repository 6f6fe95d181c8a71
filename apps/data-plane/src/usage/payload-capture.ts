import type { RequestContext } from '../chat/request-context.js';

const captured = new WeakMap<RequestContext, { prompt: unknown; completion?: unknown }>();

/** True when the caller's tenant asked for prompt/completion bodies to be logged. */
export function wantsPayload(context: RequestContext): boolean {
  return context.caller.tenant.tenant.payloadLogging;
}

/** Keeps the request body for the usage event (only for tenants with payload logging on). */
export function capturePrompt(context: RequestContext, prompt: unknown): void {
  if (wantsPayload(context)) captured.set(context, { prompt });
}

export function captureCompletion(context: RequestContext, completion: unknown): void {
  const entry = captured.get(context);
  if (entry) entry.completion = completion;
}

export function capturedPayload(
  context: RequestContext,
): { prompt: unknown; completion: unknown } | undefined {
  const entry = captured.get(context);
  return entry ? { prompt: entry.prompt, completion: entry.completion ?? null } : undefined;
}
