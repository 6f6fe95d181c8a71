import type { UpstreamTarget } from '@switchyard/providers';
import type { CompiledDeployment } from '../snapshot/compiled-snapshot.js';

/** The adapter's view of one attempt: where to go and with which credential. */
export function buildTarget(candidate: CompiledDeployment, keyIndex: number): UpstreamTarget {
  const { account, model, deployment } = candidate;
  const key = candidate.keys[keyIndex] ?? candidate.keys[0];
  return {
    provider: account.providerType,
    baseUrl: account.baseUrl.endsWith('/') ? account.baseUrl.slice(0, -1) : account.baseUrl,
    apiKey: key ? key.secret : '',
    model: model.providerModelId,
    region: deployment.region ?? account.region ?? undefined,
    options: model.maxOutputTokens
      ? { ...account.options, maxOutputTokens: String(model.maxOutputTokens) }
      : account.options,
  };
}
