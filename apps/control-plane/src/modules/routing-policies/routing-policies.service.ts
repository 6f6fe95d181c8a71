import { Injectable } from '@nestjs/common';
import { routingPolicyDocumentSchema, type RoutingPolicyDocument } from '@switchyard/policy';
import { BadUserInputError, ConflictError, NotFoundError } from '../../graphql/api-errors.js';
import { newestFirst, pageQuery, toConnection, type Connection } from '../../graphql/pagination.js';
import { parseInput } from '../../graphql/parse-input.js';
import { PrismaService, type Transaction } from '../../infra/prisma.service.js';
import { AuditedChangeService } from '../audit/audited-change.service.js';
import type { AuditEntry } from '../audit/audit-writer.js';
import {
  assertCanWrite,
  ownedByReadableTenant,
  tenantForNewRow,
  type Actor,
} from '../auth/actor.js';
import { requireTenant } from '../tenants/require-tenant.js';
import {
  createRoutingPolicySchema,
  updateRoutingPolicySchema,
  type CreateRoutingPolicyInput,
  type UpdateRoutingPolicyInput,
} from './routing-policy.inputs.js';
import type {
  RoutingPolicy,
  RoutingPolicyListArgs,
  RoutingPolicyVersion,
  RoutingPolicyVersionListArgs,
} from './routing-policy.model.js';

const withVersions = {
  activeVersion: true,
  versions: { orderBy: { version: 'desc' as const }, take: 1 },
};
const entity = { type: 'routing_policy', name: 'RoutingPolicy' } as const;

type PolicyRow = Awaited<ReturnType<Transaction['routingPolicy']['findFirstOrThrow']>> & {
  activeVersion: RoutingPolicy['activeVersion'];
  versions: Array<RoutingPolicy['latestVersion']>;
};

function toRoutingPolicy({ versions, ...row }: PolicyRow): RoutingPolicy {
  const latestVersion = versions[0];
  if (!latestVersion) throw new Error(`routing policy ${row.id} has no version`);
  return { ...row, latestVersion };
}

/** Validates a rule document; zod issues become BAD_USER_INPUT entries under `path`. */
export function parsePolicyDocument(document: unknown, path: string): RoutingPolicyDocument {
  const result = routingPolicyDocumentSchema.safeParse(document);
  if (!result.success) throw BadUserInputError.fromZod(result.error, path);
  return result.data;
}

@Injectable()
export class RoutingPoliciesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly changes: AuditedChangeService,
  ) {}

  async list(actor: Actor, args: RoutingPolicyListArgs): Promise<Connection<RoutingPolicy>> {
    const filter = args.filter ?? {};
    const rows = await this.prisma.db.routingPolicy.findMany({
      where: {
        AND: [
          ownedByReadableTenant(actor),
          filter.tenantId ? { tenantId: filter.tenantId } : {},
          filter.activeOnly ? { activeVersionId: { not: null } } : {},
        ],
      },
      include: withVersions,
      orderBy: newestFirst,
      ...pageQuery(args),
    });
    return toConnection(rows, args, toRoutingPolicy);
  }

  /** Version history, newest first; NOT_FOUND for another tenant's policy. */
  async versions(
    actor: Actor,
    args: RoutingPolicyVersionListArgs,
  ): Promise<Connection<RoutingPolicyVersion>> {
    await this.get(actor, args.policyId);
    const rows = await this.prisma.db.routingPolicyVersion.findMany({
      where: { policyId: args.policyId },
      orderBy: [{ version: 'desc' }, { id: 'desc' }],
      ...pageQuery(args),
    });
    return toConnection(rows, args);
  }

  async get(actor: Actor, id: string): Promise<RoutingPolicy> {
    const policy = await this.prisma.db.routingPolicy.findFirst({
      where: { id, ...ownedByReadableTenant(actor) },
      include: withVersions,
    });
    if (!policy) throw new NotFoundError(entity.name, id);
    return toRoutingPolicy(policy);
  }

  async create(actor: Actor, input: CreateRoutingPolicyInput): Promise<RoutingPolicy> {
    const {
      tenantId: requested,
      document,
      activate,
      ...values
    } = parseInput(createRoutingPolicySchema, input);
    const tenantId = tenantForNewRow(actor, requested, {
      globalAllowed: false,
      entity: 'routing policy',
    }) as string;
    const parsed = parsePolicyDocument(document, 'input.document');
    return this.changes.apply(
      actor,
      { affectsSnapshot: activate === true },
      async (transaction) => {
        await requireTenant(transaction, tenantId);
        const clash = await transaction.routingPolicy.findFirst({
          where: { tenantId, name: values.name },
          select: { id: true },
        });
        if (clash)
          throw new ConflictError(
            `A routing policy named '${values.name}' already exists; update it instead.`,
            'input.name',
          );
        const policy = await transaction.routingPolicy.create({ data: { ...values, tenantId } });
        const version = await transaction.routingPolicyVersion.create({
          data: {
            policyId: policy.id,
            version: 1,
            document: parsed,
            createdById: actor.principalId,
          },
        });
        const audit: AuditEntry[] = [
          {
            action: 'routing_policy.created',
            entityType: entity.type,
            entityId: policy.id,
            tenantId,
            after: { ...policy, version: 1, document: parsed },
          },
        ];
        if (activate)
          audit.push(await this.activateVersion(transaction, policy.id, tenantId, version.id, 1));
        return { result: await this.reload(transaction, policy.id), audit };
      },
    );
  }

  async update(actor: Actor, id: string, input: UpdateRoutingPolicyInput): Promise<RoutingPolicy> {
    const { document, activate, ...values } = parseInput(updateRoutingPolicySchema, input);
    const parsed =
      document === undefined ? undefined : parsePolicyDocument(document, 'input.document');
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      const before = await this.loadForWrite(transaction, actor, id);
      if (values.name && values.name !== before.name) {
        const clash = await transaction.routingPolicy.findFirst({
          where: { tenantId: before.tenantId, name: values.name },
          select: { id: true },
        });
        if (clash)
          throw new ConflictError(
            `A routing policy named '${values.name}' already exists.`,
            'input.name',
          );
      }
      const policy = await transaction.routingPolicy.update({ where: { id }, data: values });
      const audit: AuditEntry[] = [];
      let latest = before.latestVersion;
      if (parsed) {
        latest = await transaction.routingPolicyVersion.create({
          data: {
            policyId: id,
            version: latest.version + 1,
            document: parsed,
            createdById: actor.principalId,
          },
        });
      }
      audit.push({
        action: parsed ? 'routing_policy.version_created' : 'routing_policy.updated',
        entityType: entity.type,
        entityId: id,
        tenantId: policy.tenantId,
        before: {
          name: before.name,
          description: before.description,
          version: before.latestVersion.version,
          document: before.latestVersion.document,
        },
        after: {
          name: policy.name,
          description: policy.description,
          version: latest.version,
          document: latest.document,
        },
      });
      if (activate)
        audit.push(
          await this.activateVersion(transaction, id, policy.tenantId, latest.id, latest.version),
        );
      return { result: await this.reload(transaction, id), audit };
    });
  }

  /** Makes `version` the tenant's one active policy (any other policy of the tenant is deactivated). */
  async activate(actor: Actor, id: string, version: number): Promise<RoutingPolicy> {
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      const policy = await this.loadForWrite(transaction, actor, id);
      const target = await transaction.routingPolicyVersion.findUnique({
        where: { policyId_version: { policyId: id, version } },
      });
      if (!target) throw new NotFoundError('RoutingPolicyVersion', `${id}@${version}`);
      const audit = await this.activateVersion(
        transaction,
        id,
        policy.tenantId,
        target.id,
        version,
      );
      return { result: await this.reload(transaction, id), audit };
    });
  }

  async deactivate(actor: Actor, id: string): Promise<RoutingPolicy> {
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      const policy = await this.loadForWrite(transaction, actor, id);
      await transaction.routingPolicy.update({ where: { id }, data: { activeVersionId: null } });
      return {
        result: await this.reload(transaction, id),
        audit: {
          action: 'routing_policy.deactivated',
          entityType: entity.type,
          entityId: id,
          tenantId: policy.tenantId,
          before: { activeVersion: policy.activeVersion?.version ?? null },
          after: { activeVersion: null },
        },
      };
    });
  }

  async delete(actor: Actor, id: string): Promise<RoutingPolicy> {
    return this.changes.apply(actor, { affectsSnapshot: true }, async (transaction) => {
      const policy = await this.loadForWrite(transaction, actor, id);
      await transaction.routingPolicy.delete({ where: { id } });
      return {
        result: policy,
        audit: {
          action: 'routing_policy.deleted',
          entityType: entity.type,
          entityId: id,
          tenantId: policy.tenantId,
          before: {
            name: policy.name,
            activeVersion: policy.activeVersion?.version ?? null,
            latestVersion: policy.latestVersion.version,
          },
        },
      };
    });
  }

  private async activateVersion(
    transaction: Transaction,
    policyId: string,
    tenantId: string,
    versionId: string,
    version: number,
  ): Promise<AuditEntry> {
    const previous = await transaction.routingPolicy.findMany({
      where: { tenantId, activeVersionId: { not: null } },
      include: { activeVersion: { select: { version: true } } },
    });
    await transaction.routingPolicy.updateMany({
      where: { tenantId, id: { not: policyId }, activeVersionId: { not: null } },
      data: { activeVersionId: null },
    });
    await transaction.routingPolicy.update({
      where: { id: policyId },
      data: { activeVersionId: versionId },
    });
    return {
      action: 'routing_policy.activated',
      entityType: entity.type,
      entityId: policyId,
      tenantId,
      before: {
        active: previous.map((row) => ({
          policyId: row.id,
          version: row.activeVersion?.version ?? null,
        })),
      },
      after: { active: [{ policyId, version }] },
    };
  }

  private async reload(transaction: Transaction, id: string): Promise<RoutingPolicy> {
    return toRoutingPolicy(
      await transaction.routingPolicy.findUniqueOrThrow({ where: { id }, include: withVersions }),
    );
  }

  private async loadForWrite(
    transaction: Transaction,
    actor: Actor,
    id: string,
  ): Promise<RoutingPolicy> {
    const policy = await transaction.routingPolicy.findFirst({
      where: { id, ...ownedByReadableTenant(actor) },
      include: withVersions,
    });
    if (!policy) throw new NotFoundError(entity.name, id);
    assertCanWrite(actor, policy.tenantId, entity.name, id);
    return toRoutingPolicy(policy);
  }
}
