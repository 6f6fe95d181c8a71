import { budgetPeriod, type UsageEvent } from '@switchyard/usage';
import type { AlertCandidate } from './alert-candidate.js';

/**
 * A provider answered with a model other than the pinned version (the data plane flags it as
 * `modelDrift`). One alert per tenant, pinned model and day (in the tenant's time zone); the first
 * drifted request of the day is the example. Tenants without a time zone here are unknown to
 * Postgres and cannot hold alerts, so they are skipped.
 */
export function modelDriftAlerts(
  events: readonly UsageEvent[],
  timeZones: ReadonlyMap<string, string>,
): AlertCandidate[] {
  const alerts = new Map<string, AlertCandidate & { requests: number }>();
  for (const event of events) {
    if (!event.modelDrift) continue;
    const timeZone = timeZones.get(event.tenantId);
    if (timeZone === undefined) continue;
    const model = event.modelId ?? event.requestedModel;
    const day = budgetPeriod('DAILY', timeZone, Date.parse(event.occurredAt)).key;
    const eventKey = `model_drift:${event.tenantId}:${model}:${day}`;
    const existing = alerts.get(eventKey);
    if (existing) {
      existing.requests += 1;
      existing.data.requestsInBatch = existing.requests;
      continue;
    }
    alerts.set(eventKey, {
      tenantId: event.tenantId,
      kind: 'model_drift',
      eventKey,
      title: `Model drift: '${model}' was served as '${event.servedModel ?? 'unknown'}' by ${event.provider ?? 'an unknown provider'} on ${day}`,
      data: {
        day,
        modelId: event.modelId ?? null,
        requestedModel: event.requestedModel,
        servedModel: event.servedModel ?? null,
        provider: event.provider ?? null,
        deploymentId: event.deploymentId ?? null,
        exampleRequestId: event.requestId,
        occurredAt: event.occurredAt,
        requestsInBatch: 1,
      },
      requests: 1,
    });
  }
  return [...alerts.values()].map(({ requests: _requests, ...alert }) => alert);
}
