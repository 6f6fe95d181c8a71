import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { z } from 'zod';
import { fields } from '../../graphql/parse-input.js';

const settings = z
  .object({
    name: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, 'must be 1–100 letters, digits or . _ : -'),
    weight: z.number().int().min(0, 'must be 0 or more').max(1_000_000),
    region: z.string().trim().min(1).max(64),
    maxConcurrency: fields.positiveInt,
    rpmLimit: fields.positiveInt,
    tpmLimit: fields.positiveInt,
    enabled: z.boolean(),
  })
  .partial();

export const createDeploymentSchema = settings.extend({
  tenantId: fields.id.optional(),
  name: settings.shape.name.unwrap(),
  modelId: fields.id,
  providerAccountId: fields.id,
});
export const updateDeploymentSchema = settings.extend({
  clearRegion: z.boolean().optional(),
  clearLimits: z.boolean().optional(),
});

@InputType({ isAbstract: true })
class DeploymentSettingsInput {
  @Field(() => Int, { nullable: true, description: 'Weight for weighted routing (default 1).' })
  weight?: number | null;

  @Field(() => String, { nullable: true, description: 'Region label.' })
  region?: string | null;

  @Field(() => Int, { nullable: true, description: 'Most concurrent requests.' })
  maxConcurrency?: number | null;

  @Field(() => Int, { nullable: true, description: 'Upstream requests-per-minute limit.' })
  rpmLimit?: number | null;

  @Field(() => Int, { nullable: true, description: 'Upstream tokens-per-minute limit.' })
  tpmLimit?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Default true.' })
  enabled?: boolean | null;
}

@InputType({ description: 'A new deployment.' })
export class CreateDeploymentInput extends DeploymentSettingsInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Owning tenant; omit for a shared deployment (platform admins).',
  })
  tenantId?: string | null;

  @Field({ description: 'Name routing rules refer to.' })
  name!: string;

  @Field(() => ID, { description: 'Catalog model to serve.' })
  modelId!: string;

  @Field(() => ID, { description: 'Provider account to call (the tenant’s own or a shared one).' })
  providerAccountId!: string;
}

@InputType({ description: 'Changes to a deployment; omitted fields stay as they are.' })
export class UpdateDeploymentInput extends DeploymentSettingsInput {
  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Remove the region label.' })
  clearRegion?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Remove maxConcurrency, rpmLimit and tpmLimit.',
  })
  clearLimits?: boolean | null;
}
