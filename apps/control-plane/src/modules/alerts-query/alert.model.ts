import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { AlertStatus as DbAlertStatus } from '@switchyard/db';
import type { JsonValue } from '../audit/redact-audit-values.js';
import { JsonScalar } from '../../graphql/json-scalar.js';
import { ConnectionType, PageArgs } from '../../graphql/pagination.js';

export const AlertStatus = {
  PENDING: 'PENDING',
  DELIVERED: 'DELIVERED',
  FAILED: 'FAILED',
  DEAD_LETTERED: 'DEAD_LETTERED',
} as const satisfies Record<DbAlertStatus, DbAlertStatus>;

registerEnumType(AlertStatus, {
  name: 'AlertStatus',
  description: 'Delivery state of a fired alert.',
  valuesMap: {
    PENDING: { description: 'Fired; not delivered yet.' },
    DELIVERED: { description: 'Accepted by its channel.' },
    FAILED: { description: 'The last delivery attempt failed; it will be retried.' },
    DEAD_LETTERED: { description: 'Gave up after repeated failures.' },
  },
});

@ObjectType({
  description: 'An alert that fired (budget threshold, spend spike, error-rate spike …).',
})
export class Alert {
  @Field(() => ID, { description: 'Alert id.' })
  id!: string;

  @Field(() => ID, { description: 'Tenant it concerns.' })
  tenantId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Channel it was sent to (null if since deleted).',
  })
  channelId!: string | null;

  @Field({ description: 'Kind, e.g. budget_threshold, spend_spike, error_rate_spike.' })
  kind!: string;

  @Field(() => AlertStatus, { description: 'Delivery state.' })
  status!: keyof typeof AlertStatus;

  @Field(() => Int, { description: 'Delivery attempts so far.' })
  attempts!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Why the last delivery failed (URLs removed: they may carry secrets).',
  })
  lastError!: string | null;

  @Field({ description: 'When it fired.' })
  firedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When its channel accepted it.' })
  deliveredAt!: Date | null;

  @Field(() => JsonScalar, { description: 'What the alert says (the body sent to the channel).' })
  payload!: JsonValue;
}

@ObjectType({ description: 'A page of alerts, newest first.' })
export class AlertConnection extends ConnectionType(Alert) {}

@InputType({ description: 'Narrows the alert list; all given filters must hold.' })
export class AlertFilter {
  @Field(() => ID, { nullable: true, description: 'Only this tenant’s alerts.' })
  tenantId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this kind.' })
  kind?: string | null;

  @Field(() => AlertStatus, { nullable: true, description: 'Only this delivery state.' })
  status?: keyof typeof AlertStatus | null;

  @Field(() => Date, { nullable: true, description: 'Only alerts fired at or after this time.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only alerts fired before this time.' })
  to?: Date | null;
}

@ArgsType()
export class AlertListArgs extends PageArgs {
  @Field(() => AlertFilter, { nullable: true, description: 'Filters; omit for all you may see.' })
  filter?: AlertFilter | null;
}
