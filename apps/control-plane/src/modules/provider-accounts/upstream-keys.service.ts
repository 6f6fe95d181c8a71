import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '../../graphql/api-errors.js';
import { parseInput } from '../../graphql/parse-input.js';
import type { ControlPlaneConfig } from '../../infra/config.js';
import type { Transaction } from '../../infra/prisma.service.js';
import { CONTROL_PLANE_CONFIG } from '../../infra/tokens.js';
import { AuditedChangeService } from '../audit/audited-change.service.js';
import { assertCanWrite, ownedOrGlobal, type Actor } from '../auth/actor.js';
import { sealForStorage } from '../secrets/seal-for-storage.js';
import {
  addUpstreamKeySchema,
  updateUpstreamKeySchema,
  type AddUpstreamKeyInput,
  type UpdateUpstreamKeyInput,
} from './provider-account.inputs.js';
import type { UpstreamKey } from './provider-account.model.js';
import { ProviderAccountsService, upstreamKeyColumns } from './provider-accounts.service.js';

const entity = { type: 'upstream_key', name: 'UpstreamKey' } as const;

/** Write-only upstream secrets: sealed on the way in, only a masked hint on the way out. */
@Injectable()
export class UpstreamKeysService {
  constructor(
    private readonly changes: AuditedChangeService,
    private readonly accounts: ProviderAccountsService,
    @Inject(CONTROL_PLANE_CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  async add(actor: Actor, input: AddUpstreamKeyInput): Promise<UpstreamKey> {
    const values = parseInput(addUpstreamKeySchema, input);
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      const account = await this.accounts.loadForWrite(
        transaction,
        actor,
        values.providerAccountId,
      );
      const stored = sealForStorage(values.secret, this.config.masterKeys);
      const key = await transaction.upstreamKey.create({
        data: { providerAccountId: account.id, ...stored, weight: values.weight },
        select: upstreamKeyColumns,
      });
      return {
        result: key,
        audit: {
          action: 'upstream_key.created',
          entityType: entity.type,
          entityId: key.id,
          tenantId: account.tenantId,
          after: key,
        },
      };
    });
  }

  async update(actor: Actor, id: string, input: UpdateUpstreamKeyInput): Promise<UpstreamKey> {
    const { secret, ...values } = parseInput(updateUpstreamKeySchema, input);
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      const { before, tenantId } = await this.loadForWrite(transaction, actor, id);
      const key = await transaction.upstreamKey.update({
        where: { id },
        data: { ...values, ...(secret ? sealForStorage(secret, this.config.masterKeys) : {}) },
        select: upstreamKeyColumns,
      });
      const action = secret ? 'upstream_key.secret_replaced' : 'upstream_key.updated';
      return {
        result: key,
        audit: { action, entityType: entity.type, entityId: id, tenantId, before, after: key },
      };
    });
  }

  async delete(actor: Actor, id: string): Promise<UpstreamKey> {
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      const { before, tenantId } = await this.loadForWrite(transaction, actor, id);
      await transaction.upstreamKey.delete({ where: { id } });
      return {
        result: before,
        audit: {
          action: 'upstream_key.deleted',
          entityType: entity.type,
          entityId: id,
          tenantId,
          before,
        },
      };
    });
  }

  private async loadForWrite(transaction: Transaction, actor: Actor, id: string) {
    const key = await transaction.upstreamKey.findFirst({
      where: { id, providerAccount: ownedOrGlobal(actor) },
      select: { ...upstreamKeyColumns, providerAccount: { select: { tenantId: true } } },
    });
    if (!key) throw new NotFoundError(entity.name, id);
    const { providerAccount, ...before } = key;
    assertCanWrite(actor, providerAccount.tenantId, entity.name, id);
    return { before, tenantId: providerAccount.tenantId };
  }
}
