import { Inject, Injectable } from '@nestjs/common';
import type { AlertChannel as AlertChannelRow } from '@switchyard/db';
import { NotFoundError } from '../../graphql/api-errors.js';
import { newestFirst, pageQuery, toConnection, type Connection } from '../../graphql/pagination.js';
import { parseInput } from '../../graphql/parse-input.js';
import type { ControlPlaneConfig } from '../../infra/config.js';
import { PrismaService, type Transaction } from '../../infra/prisma.service.js';
import { CONTROL_PLANE_CONFIG } from '../../infra/tokens.js';
import { AuditedChangeService } from '../audit/audited-change.service.js';
import {
  assertCanWrite,
  ownedByReadableTenant,
  seesAllTenants,
  tenantForNewRow,
  type Actor,
} from '../auth/actor.js';
import { UpstreamUrlGuard } from '../provider-accounts/upstream-url-guard.js';
import { sealForStorage } from '../secrets/seal-for-storage.js';
import { requireTenant } from '../tenants/require-tenant.js';
import {
  createAlertChannelSchema,
  updateAlertChannelSchema,
  type CreateAlertChannelInput,
  type UpdateAlertChannelInput,
} from './alert-channel.inputs.js';
import type { AlertChannel, AlertChannelListArgs } from './alert-channel.model.js';

const entity = { type: 'alert_channel', name: 'AlertChannel' } as const;

/** Webhook URLs often carry a token in the path (Slack, Teams): show only scheme and host. */
function urlHint(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname === '/' && !parsed.search ? parsed.origin : `${parsed.origin}/…`;
}

/** What the API and the audit log may show of a channel: no URL path, no sealed secret. */
function toAlertChannel(row: AlertChannelRow): AlertChannel {
  return {
    id: row.id,
    tenantId: row.tenantId,
    name: row.name,
    kind: row.kind,
    urlHint: urlHint(row.url),
    signingSecretKeyId: row.signingSecretKeyId,
    enabled: row.enabled,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

@Injectable()
export class AlertChannelsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly changes: AuditedChangeService,
    private readonly urlGuard: UpstreamUrlGuard,
    @Inject(CONTROL_PLANE_CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  /** Platform-wide channels are visible to platform admins only. */
  private visible(actor: Actor) {
    return seesAllTenants(actor) ? {} : ownedByReadableTenant(actor);
  }

  async list(actor: Actor, args: AlertChannelListArgs): Promise<Connection<AlertChannel>> {
    const filter = args.filter ?? {};
    const rows = await this.prisma.db.alertChannel.findMany({
      where: {
        AND: [
          this.visible(actor),
          filter.tenantId ? { tenantId: filter.tenantId } : {},
          typeof filter.enabled === 'boolean' ? { enabled: filter.enabled } : {},
        ],
      },
      orderBy: newestFirst,
      ...pageQuery(args),
    });
    return toConnection(rows, args, toAlertChannel);
  }

  async get(actor: Actor, id: string): Promise<AlertChannel> {
    const channel = await this.prisma.db.alertChannel.findFirst({
      where: { id, ...this.visible(actor) },
    });
    if (!channel) throw new NotFoundError(entity.name, id);
    return toAlertChannel(channel);
  }

  async create(actor: Actor, input: CreateAlertChannelInput): Promise<AlertChannel> {
    const {
      tenantId: requested,
      signingSecret,
      ...values
    } = parseInput(createAlertChannelSchema, input);
    const tenantId = tenantForNewRow(actor, requested, {
      globalAllowed: true,
      entity: 'alert channel',
    });
    await this.urlGuard.assertAllowed(values.url, 'input.url');
    const sealed = sealForStorage(signingSecret, this.config.masterKeys);
    return this.changes.apply(actor, { affectsSnapshot: false }, async (transaction) => {
      await requireTenant(transaction, tenantId);
      const row = await transaction.alertChannel.create({
        data: {
          ...values,
          tenantId,
          signingSecretCiphertext: sealed.ciphertext,
          signingSecretKeyId: sealed.keyId,
        },
      });
      const channel = toAlertChannel(row);
      return {
        result: channel,
        audit: {
          action: 'alert_channel.created',
          entityType: entity.type,
          entityId: row.id,
          tenantId,
          after: channel,
        },
      };
    });
  }

  async update(actor: Actor, id: string, input: UpdateAlertChannelInput): Promise<AlertChannel> {
    const { signingSecret, ...values } = parseInput(updateAlertChannelSchema, input);
    if (values.url) await this.urlGuard.assertAllowed(values.url, 'input.url');
    const sealed = signingSecret
      ? sealForStorage(signingSecret, this.config.masterKeys)
      : undefined;
    return this.changes.apply(actor, { affectsSnapshot: false }, async (transaction) => {
      const before = await this.loadForWrite(transaction, actor, id);
      const row = await transaction.alertChannel.update({
        where: { id },
        data: {
          ...values,
          ...(sealed
            ? { signingSecretCiphertext: sealed.ciphertext, signingSecretKeyId: sealed.keyId }
            : {}),
        },
      });
      const channel = toAlertChannel(row);
      const action = sealed ? 'alert_channel.secret_replaced' : 'alert_channel.updated';
      return {
        result: channel,
        audit: {
          action,
          entityType: entity.type,
          entityId: id,
          tenantId: row.tenantId,
          before,
          after: channel,
        },
      };
    });
  }

  async delete(actor: Actor, id: string): Promise<AlertChannel> {
    return this.changes.apply(actor, { affectsSnapshot: false }, async (transaction) => {
      const before = await this.loadForWrite(transaction, actor, id);
      await transaction.alertChannel.delete({ where: { id } });
      return {
        result: before,
        audit: {
          action: 'alert_channel.deleted',
          entityType: entity.type,
          entityId: id,
          tenantId: before.tenantId,
          before,
        },
      };
    });
  }

  private async loadForWrite(
    transaction: Transaction,
    actor: Actor,
    id: string,
  ): Promise<AlertChannel> {
    const row = await transaction.alertChannel.findFirst({ where: { id, ...this.visible(actor) } });
    if (!row) throw new NotFoundError(entity.name, id);
    assertCanWrite(actor, row.tenantId, entity.name, id);
    return toAlertChannel(row);
  }
}
