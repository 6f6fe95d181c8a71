import { Injectable } from '@nestjs/common';
import { generateApiKey } from '@switchyard/policy';
import { ConflictError, NotFoundError } from '../../graphql/api-errors.js';
import { newestFirst, pageQuery, toConnection, type Connection } from '../../graphql/pagination.js';
import { parseInput } from '../../graphql/parse-input.js';
import { PrismaService, type Transaction } from '../../infra/prisma.service.js';
import { AuditedChangeService } from '../audit/audited-change.service.js';
import {
  assertCanWrite,
  ownedByReadableTenant,
  tenantForNewRow,
  type Actor,
} from '../auth/actor.js';
import { requireTenant } from '../tenants/require-tenant.js';
import {
  createApiKeySchema,
  rotateApiKeySchema,
  updateApiKeySchema,
  type CreateApiKeyInput,
  type RotateApiKeyInput,
  type UpdateApiKeyInput,
} from './api-key.inputs.js';
import type { ApiKey, ApiKeyListArgs, CreatedApiKey } from './api-key.model.js';

/** Every read goes through this projection: the key hash never leaves the service. */
const publicColumns = {
  id: true,
  tenantId: true,
  name: true,
  prefix: true,
  scopes: true,
  allowedModels: true,
  allowedProviders: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
  metadata: true,
  rotatedFromId: true,
  createdAt: true,
  updatedAt: true,
} as const;

const entity = { type: 'api_key', name: 'ApiKey' } as const;

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly changes: AuditedChangeService,
  ) {}

  async list(actor: Actor, args: ApiKeyListArgs): Promise<Connection<ApiKey>> {
    const filter = args.filter ?? {};
    const search = filter.search?.trim();
    const now = new Date();
    const rows = await this.prisma.db.apiKey.findMany({
      where: {
        AND: [
          ownedByReadableTenant(actor),
          filter.tenantId ? { tenantId: filter.tenantId } : {},
          search
            ? { OR: [{ name: { contains: search, mode: 'insensitive' } }, { prefix: search }] }
            : {},
          filter.includeInactive
            ? {}
            : { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
        ],
      },
      select: publicColumns,
      orderBy: newestFirst,
      ...pageQuery(args),
    });
    return toConnection(rows, args);
  }

  async get(actor: Actor, id: string): Promise<ApiKey> {
    const key = await this.prisma.db.apiKey.findFirst({
      where: { id, ...ownedByReadableTenant(actor) },
      select: publicColumns,
    });
    if (!key) throw new NotFoundError(entity.name, id);
    return key;
  }

  async create(actor: Actor, input: CreateApiKeyInput): Promise<CreatedApiKey> {
    const { tenantId: requested, ...values } = parseInput(createApiKeySchema, input);
    const tenantId = tenantForNewRow(actor, requested, {
      globalAllowed: false,
      entity: 'API key',
    }) as string;
    const generated = generateApiKey();
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      await requireTenant(transaction, tenantId);
      const key = await transaction.apiKey.create({
        data: { ...values, tenantId, keyHash: generated.hash, prefix: generated.prefix },
        select: publicColumns,
      });
      return {
        result: { apiKey: key, secret: generated.key },
        audit: {
          action: 'api_key.created',
          entityType: entity.type,
          entityId: key.id,
          tenantId,
          after: key,
        },
      };
    });
  }

  async update(actor: Actor, id: string, input: UpdateApiKeyInput): Promise<ApiKey> {
    const { clearExpiresAt, ...values } = parseInput(updateApiKeySchema, input);
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      const before = await this.loadForWrite(transaction, actor, id);
      const key = await transaction.apiKey.update({
        where: { id },
        data: { ...values, ...(clearExpiresAt ? { expiresAt: null } : {}) },
        select: publicColumns,
      });
      return {
        result: key,
        audit: {
          action: 'api_key.updated',
          entityType: entity.type,
          entityId: id,
          tenantId: key.tenantId,
          before,
          after: key,
        },
      };
    });
  }

  /** Revocation removes the key from the next snapshot, which data planes load within a second. */
  async revoke(actor: Actor, id: string): Promise<ApiKey> {
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      const before = await this.loadForWrite(transaction, actor, id);
      const key = await transaction.apiKey.update({
        where: { id },
        data: { revokedAt: new Date() },
        select: publicColumns,
      });
      return {
        result: key,
        audit: {
          action: 'api_key.revoked',
          entityType: entity.type,
          entityId: id,
          tenantId: key.tenantId,
          before,
          after: key,
        },
      };
    });
  }

  /** A new secret with the same settings; the old key is revoked now or after a grace period. */
  async rotate(
    actor: Actor,
    id: string,
    input: RotateApiKeyInput | null | undefined,
  ): Promise<CreatedApiKey> {
    const { gracePeriodSeconds = 0 } = parseInput(rotateApiKeySchema, input ?? {});
    const generated = generateApiKey();
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      const old = await this.loadForWrite(transaction, actor, id);
      const now = Date.now();
      const graceEnd = new Date(now + gracePeriodSeconds * 1000);
      const retired = await transaction.apiKey.update({
        where: { id },
        data:
          gracePeriodSeconds === 0
            ? { revokedAt: new Date(now) }
            : { expiresAt: old.expiresAt && old.expiresAt < graceEnd ? old.expiresAt : graceEnd },
        select: publicColumns,
      });
      const key = await transaction.apiKey.create({
        data: {
          tenantId: old.tenantId,
          name: old.name,
          scopes: old.scopes,
          allowedModels: old.allowedModels,
          allowedProviders: old.allowedProviders,
          expiresAt: old.expiresAt,
          metadata: old.metadata ?? {},
          rotatedFromId: old.id,
          keyHash: generated.hash,
          prefix: generated.prefix,
        },
        select: publicColumns,
      });
      return {
        result: { apiKey: key, secret: generated.key },
        audit: [
          {
            action: 'api_key.rotated',
            entityType: entity.type,
            entityId: key.id,
            tenantId: key.tenantId,
            after: key,
          },
          {
            action: gracePeriodSeconds === 0 ? 'api_key.revoked' : 'api_key.updated',
            entityType: entity.type,
            entityId: id,
            tenantId: key.tenantId,
            before: old,
            after: retired,
          },
        ],
      };
    });
  }

  private async loadForWrite(transaction: Transaction, actor: Actor, id: string) {
    const key = await transaction.apiKey.findFirst({
      where: { id, ...ownedByReadableTenant(actor) },
      select: publicColumns,
    });
    if (!key) throw new NotFoundError(entity.name, id);
    assertCanWrite(actor, key.tenantId, entity.name, id);
    if (key.revokedAt)
      throw new ConflictError(`API key '${id}' is already revoked; create a new key instead.`);
    return key;
  }
}
