import type { RequestAbort } from '../http/request-abort.js';
import type { Failover, RoutingStrategy } from '@switchyard/policy';
import type { FailoverAttempt } from '@switchyard/usage';
import type { NormalizedUsage } from '@switchyard/providers';
import type {
  CompiledDeployment,
  CompiledKey,
  CompiledSnapshot,
} from '../snapshot/compiled-snapshot.js';
import type { ResolvedModel } from '../routing/resolve-model.js';

/** Everything known about one gateway request; filled in as it moves through the pipeline. */
export interface RequestContext {
  requestId: string;
  /** `performance.now()` when the request arrived. */
  startedAt: number;
  receivedAtMs: number;
  endpoint: 'chat' | 'messages' | 'embeddings' | 'completions';
  snapshot: CompiledSnapshot;
  caller: CompiledKey;
  resolved?: ResolvedModel;
  failover: Failover;
  stream: boolean;
  /** Request headers (lower-case names), for routing rules that test them. */
  headers?: Readonly<Record<string, string | string[] | undefined>>;
  endUser: string | undefined;
  tags: string[];
  /** The routing rule that decided (or `default`); set once a route was chosen. */
  routeRule: string | undefined;
  /** How the chosen route ordered its targets, and whether it may move to a larger window. */
  route?: { strategy: RoutingStrategy; allowLargerContext: boolean };
  /** Filled once an attempt succeeded. */
  served?: {
    candidate: CompiledDeployment;
    servedModel: string;
    usage: NormalizedUsage;
    costNanoUsd: bigint;
    dropped: string[];
  };
  attempts: FailoverAttempt[];
  /** Time spent waiting on the provider (headers + body), for the overhead figure. */
  upstreamMs: number;
  ttftMs: number | undefined;
  abort: RequestAbort;
}
