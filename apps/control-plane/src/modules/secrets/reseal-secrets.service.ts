import { Inject, Injectable } from '@nestjs/common';
import { openSecret, sealedSecretSchema } from '@switchyard/policy';
import { ConflictError } from '../../graphql/api-errors.js';
import { parseInput } from '../../graphql/parse-input.js';
import type { ControlPlaneConfig } from '../../infra/config.js';
import type { Transaction } from '../../infra/prisma.service.js';
import { CONTROL_PLANE_CONFIG } from '../../infra/tokens.js';
import { AuditedChangeService } from '../audit/audited-change.service.js';
import { everythingScope } from '../snapshots/publish-scope.js';
import { assertPlatformAdmin, type Actor } from '../auth/actor.js';
import type { ResealResult } from './reseal-secrets.model.js';
import { sealForStorage } from './seal-for-storage.js';
import { z } from 'zod';

const batchSizeSchema = z.object({
  batchSize: z.number().int().min(1, 'must be at least 1').max(5_000, 'must be at most 5000'),
});

/**
 * Master-key rotation, step 2: after a new key is put first in SWITCHYARD_MASTER_KEYS, re-seal
 * stored secrets with it in bounded batches; once `remaining` is 0 the old key can be removed.
 */
@Injectable()
export class ResealSecretsService {
  constructor(
    private readonly changes: AuditedChangeService,
    @Inject(CONTROL_PLANE_CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  async reseal(actor: Actor, batchSize: number): Promise<ResealResult> {
    assertPlatformAdmin(actor, 're-seal secrets');
    parseInput(batchSizeSchema, { batchSize }, '');
    const ring = this.config.masterKeys;
    const current = ring.currentKeyId;
    // Sealed upstream keys of every tenant and of the platform change: republish everything.
    const options = { affectsSnapshot: true, snapshotScope: everythingScope };
    return this.changes.apply(actor, options, async (transaction) => {
      await this.assertKeysKnown(transaction);
      const keys = await transaction.upstreamKey.findMany({
        where: { keyId: { not: current } },
        take: batchSize,
      });
      for (const key of keys) {
        const clear = openSecret(sealedSecretSchema.parse(JSON.parse(key.ciphertext)), ring);
        const { ciphertext, keyId } = sealForStorage(clear, ring);
        await transaction.upstreamKey.update({
          where: { id: key.id },
          data: { ciphertext, keyId },
        });
      }
      const channels = await transaction.alertChannel.findMany({
        where: { signingSecretKeyId: { not: current } },
        take: batchSize,
      });
      for (const channel of channels) {
        const clear = openSecret(
          sealedSecretSchema.parse(JSON.parse(channel.signingSecretCiphertext)),
          ring,
        );
        const sealed = sealForStorage(clear, ring);
        await transaction.alertChannel.update({
          where: { id: channel.id },
          data: { signingSecretCiphertext: sealed.ciphertext, signingSecretKeyId: sealed.keyId },
        });
      }
      const remaining =
        (await transaction.upstreamKey.count({ where: { keyId: { not: current } } })) +
        (await transaction.alertChannel.count({ where: { signingSecretKeyId: { not: current } } }));
      const result = {
        currentKeyId: current,
        upstreamKeys: keys.length,
        alertChannels: channels.length,
        remaining,
      };
      return {
        result,
        audit: {
          action: 'secrets.resealed',
          entityType: 'master_key',
          entityId: current,
          tenantId: null,
          after: result,
        },
      };
    });
  }

  /** A secret sealed with a key that left the ring can never be opened again: stop and say so. */
  private async assertKeysKnown(transaction: Transaction): Promise<void> {
    const known = [...this.config.masterKeys.keys.keys()];
    const lostKey = await transaction.upstreamKey.findFirst({
      where: { keyId: { notIn: known } },
      select: { keyId: true },
    });
    const lostChannel = await transaction.alertChannel.findFirst({
      where: { signingSecretKeyId: { notIn: known } },
      select: { signingSecretKeyId: true },
    });
    const missing = lostKey?.keyId ?? lostChannel?.signingSecretKeyId;
    if (missing) {
      throw new ConflictError(
        `Some secrets are sealed with master key '${missing}', which is not in SWITCHYARD_MASTER_KEYS; add it back (after the current key) and retry.`,
      );
    }
  }
}
