import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError } from '../../graphql/api-errors.js';
import { newestFirst, pageQuery, toConnection, type Connection } from '../../graphql/pagination.js';
import { parseInput } from '../../graphql/parse-input.js';
import { PrismaService, type Transaction } from '../../infra/prisma.service.js';
import { AuditedChangeService } from '../audit/audited-change.service.js';
import { assertCanWrite, ownedOrGlobal, tenantForNewRow, type Actor } from '../auth/actor.js';
import { requireTenant } from '../tenants/require-tenant.js';
import {
  createDeploymentSchema,
  updateDeploymentSchema,
  type CreateDeploymentInput,
  type UpdateDeploymentInput,
} from './deployment.inputs.js';
import type { Deployment, DeploymentListArgs } from './deployment.model.js';

const entity = { type: 'deployment', name: 'Deployment' } as const;

@Injectable()
export class DeploymentsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly changes: AuditedChangeService,
  ) {}

  async list(actor: Actor, args: DeploymentListArgs): Promise<Connection<Deployment>> {
    const filter = args.filter ?? {};
    const rows = await this.prisma.db.deployment.findMany({
      where: {
        AND: [
          ownedOrGlobal(actor),
          filter.tenantId ? { tenantId: filter.tenantId } : {},
          filter.modelId ? { modelId: filter.modelId } : {},
          filter.providerAccountId ? { providerAccountId: filter.providerAccountId } : {},
          typeof filter.enabled === 'boolean' ? { enabled: filter.enabled } : {},
        ],
      },
      orderBy: newestFirst,
      ...pageQuery(args),
    });
    return toConnection(rows, args);
  }

  async get(actor: Actor, id: string): Promise<Deployment> {
    const deployment = await this.prisma.db.deployment.findFirst({
      where: { id, ...ownedOrGlobal(actor) },
    });
    if (!deployment) throw new NotFoundError(entity.name, id);
    return deployment;
  }

  async create(actor: Actor, input: CreateDeploymentInput): Promise<Deployment> {
    const { tenantId: requested, ...values } = parseInput(createDeploymentSchema, input);
    const tenantId = tenantForNewRow(actor, requested, {
      globalAllowed: true,
      entity: 'deployment',
    });
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      await requireTenant(transaction, tenantId);
      const model = await transaction.model.findUnique({
        where: { id: values.modelId },
        select: { id: true },
      });
      if (!model) throw new NotFoundError('Model', values.modelId);
      // A tenant deployment may use its own or a shared account; a shared one only shared accounts.
      const account = await transaction.providerAccount.findFirst({
        where: {
          id: values.providerAccountId,
          OR: [{ tenantId: null }, ...(tenantId ? [{ tenantId }] : [])],
        },
        select: { id: true },
      });
      if (!account) throw new NotFoundError('ProviderAccount', values.providerAccountId);
      await this.assertNameFree(transaction, tenantId, values.name);
      const deployment = await transaction.deployment.create({ data: { ...values, tenantId } });
      return {
        result: deployment,
        audit: {
          action: 'deployment.created',
          entityType: entity.type,
          entityId: deployment.id,
          tenantId,
          after: deployment,
        },
      };
    });
  }

  async update(actor: Actor, id: string, input: UpdateDeploymentInput): Promise<Deployment> {
    const { clearRegion, clearLimits, ...values } = parseInput(updateDeploymentSchema, input);
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      const before = await this.loadForWrite(transaction, actor, id);
      if (values.name && values.name !== before.name)
        await this.assertNameFree(transaction, before.tenantId, values.name);
      const deployment = await transaction.deployment.update({
        where: { id },
        data: {
          ...values,
          ...(clearRegion ? { region: null } : {}),
          ...(clearLimits ? { maxConcurrency: null, rpmLimit: null, tpmLimit: null } : {}),
        },
      });
      return {
        result: deployment,
        audit: {
          action: 'deployment.updated',
          entityType: entity.type,
          entityId: id,
          tenantId: deployment.tenantId,
          before,
          after: deployment,
        },
      };
    });
  }

  async delete(actor: Actor, id: string): Promise<Deployment> {
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      const before = await this.loadForWrite(transaction, actor, id);
      await transaction.deployment.delete({ where: { id } });
      return {
        result: before,
        audit: {
          action: 'deployment.deleted',
          entityType: entity.type,
          entityId: id,
          tenantId: before.tenantId,
          before,
        },
      };
    });
  }

  private async loadForWrite(transaction: Transaction, actor: Actor, id: string) {
    const deployment = await transaction.deployment.findFirst({
      where: { id, ...ownedOrGlobal(actor) },
    });
    if (!deployment) throw new NotFoundError(entity.name, id);
    assertCanWrite(actor, deployment.tenantId, entity.name, id);
    return deployment;
  }

  /** Routing rules name deployments, so a name must mean one deployment per tenant. */
  private async assertNameFree(
    transaction: Transaction,
    tenantId: string | null,
    name: string,
  ): Promise<void> {
    const clash = await transaction.deployment.findFirst({
      where: { tenantId, name },
      select: { id: true },
    });
    if (clash)
      throw new ConflictError(
        `A deployment named '${name}' already exists here; choose another name.`,
        'input.name',
      );
  }
}
