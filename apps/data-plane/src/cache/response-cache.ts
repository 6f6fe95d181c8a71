import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ChatCompletionResponse, NormalizedUsage } from '@switchyard/providers';
import type { RequestContext } from '../chat/request-context.js';
import type { CacheDecision } from './cache-decision.js';

/** What a cache entry holds: the canonical answer and what served it originally. */
export interface CachedAnswer {
  response: ChatCompletionResponse;
  deploymentId: string;
  servedModel: string;
  usage: NormalizedUsage;
  storedAt: string;
}

const hits = new WeakSet<RequestContext>();

/** True when this request was answered from the cache (its usage event then costs nothing). */
export function wasCacheHit(context: RequestContext): boolean {
  return hits.has(context);
}

/**
 * Exact-match response cache in Redis. Entries above `maxEntryBytes` are not stored, so one huge
 * answer cannot crowd out the rest; every entry expires after its TTL. Failures only cost the
 * cache benefit — the request is served from the provider as if there were no cache.
 */
export class ResponseCache {
  private lastErrorLogAt = 0;

  constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
    private readonly maxEntryBytes = 512 * 1024,
  ) {}

  async lookup(
    decision: CacheDecision,
    context: RequestContext,
  ): Promise<CachedAnswer | undefined> {
    if (this.redis.status !== 'ready') return undefined;
    try {
      const text = await this.redis.get(decision.key);
      if (text === null) return undefined;
      const answer = JSON.parse(text) as CachedAnswer;
      const candidate = context.snapshot.deployments.get(answer.deploymentId);
      // The deployment is gone or no longer this tenant's: treat as a miss.
      if (!candidate) return undefined;
      hits.add(context);
      context.served = {
        candidate,
        servedModel: answer.servedModel,
        usage: answer.usage,
        costNanoUsd: 0n,
        dropped: [],
      };
      return answer;
    } catch (error) {
      this.logFailure(error);
      return undefined;
    }
  }

  /** Stores a fresh answer (fire and forget). */
  store(
    decision: CacheDecision,
    context: RequestContext,
    response: ChatCompletionResponse | undefined,
  ): void {
    const served = context.served;
    if (!response || !served || this.redis.status !== 'ready') return;
    if (response.choices.some((choice) => choice.finish_reason === null)) return;
    const answer: CachedAnswer = {
      response,
      deploymentId: served.candidate.deployment.id,
      servedModel: served.servedModel,
      usage: served.usage,
      storedAt: new Date(context.receivedAtMs).toISOString(),
    };
    const text = JSON.stringify(answer);
    if (Buffer.byteLength(text) > this.maxEntryBytes) return;
    this.redis
      .set(decision.key, text, 'EX', decision.ttlSeconds)
      .catch((error: unknown) => this.logFailure(error));
  }

  private logFailure(error: unknown): void {
    if (Date.now() - this.lastErrorLogAt < 10_000) return;
    this.lastErrorLogAt = Date.now();
    this.logger.warn({ err: (error as Error).message }, 'response cache unavailable');
  }
}
