import { usageEventSchema } from '@switchyard/usage';
import { describe, expect, it } from 'vitest';
import { usageEvent } from '../__fixtures__/usage-events.js';
import { modelDriftAlerts } from './model-drift-alerts.js';

const drifted = (requestId: string, occurredAt: string, tenantId = 'tenant-a') =>
  usageEventSchema.parse(
    usageEvent({
      requestId,
      tenantId,
      occurredAt,
      modelId: 'model-4o',
      modelDrift: true,
      servedModel: 'gpt-4o-mini',
    }),
  );

describe('modelDriftAlerts', () => {
  it('fires once per tenant, pinned model and local day', () => {
    const alerts = modelDriftAlerts(
      [
        drifted('r1', '2026-03-17T03:00:00Z'),
        drifted('r2', '2026-03-17T03:59:00Z'),
        drifted('r3', '2026-03-17T05:00:00Z'),
        drifted('r4', '2026-03-17T05:00:00Z', 'unknown-tenant'),
        usageEventSchema.parse(usageEvent({ requestId: 'r5' })),
      ],
      new Map([['tenant-a', 'America/New_York']]),
    );
    // 03:00Z and 03:59Z are the 16th in New York (UTC-4); 05:00Z is the 17th.
    expect(alerts.map((alert) => [alert.eventKey, alert.data.requestsInBatch])).toEqual([
      ['model_drift:tenant-a:model-4o:2026-03-16', 2],
      ['model_drift:tenant-a:model-4o:2026-03-17', 1],
    ]);
    expect(alerts[0]?.data).toMatchObject({ servedModel: 'gpt-4o-mini', exampleRequestId: 'r1' });
  });
});
