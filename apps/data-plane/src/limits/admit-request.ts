import { estimatePromptTokens } from '@switchyard/policy';
import type { ChatCompletionRequest } from '@switchyard/providers';
import type { GatewayDeps } from '../chat/gateway-deps.js';
import type { RequestContext } from '../chat/request-context.js';

const downgraded = new WeakSet<RequestContext>();

/** True when a budget moved this request to its cheaper model (routing rules then step aside). */
export function wasDowngraded(context: RequestContext): boolean {
  return downgraded.has(context);
}

/** Output tokens assumed when neither the caller nor the catalog bounds them. */
const defaultMaxOutputTokens = 4096;

/**
 * Runs budget and rate-limit admission for a chat request; applies a budget downgrade to the
 * context and returns the headers to send (rate-limit state, budget warnings, downgrade notice).
 */
export async function admitChatRequest(
  deps: GatewayDeps,
  context: RequestContext,
  request: ChatCompletionRequest,
): Promise<Record<string, string>> {
  if (!deps.admission) return {};
  const resolved = context.resolved!;
  const model = resolved.model;
  const maxOutputTokens =
    request.max_completion_tokens ??
    request.max_tokens ??
    model.maxOutputTokens ??
    defaultMaxOutputTokens;
  const result = await deps.admission.admit(context, {
    model,
    promptTokens: estimatePromptTokens(request),
    maxOutputTokens: maxOutputTokens * (request.n ?? 1),
  });
  if (result.downgradeTo) {
    // Named by the tenant's budget and announced in a header: not a silent substitution.
    context.resolved = { ...resolved, model: result.downgradeTo, fallbacks: [] };
    downgraded.add(context);
  }
  return result.headers;
}
