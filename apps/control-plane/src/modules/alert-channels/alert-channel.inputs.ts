import { Field, ID, InputType } from '@nestjs/graphql';
import { z } from 'zod';
import { fields } from '../../graphql/parse-input.js';

const signingSecret = z
  .string()
  .min(16, 'must be at least 16 characters (use a long random string)')
  .max(512, 'must be at most 512 characters');

export const createAlertChannelSchema = z.object({
  tenantId: fields.id.optional(),
  name: fields.name,
  url: fields.httpUrl,
  signingSecret,
  enabled: z.boolean().optional(),
});
export const updateAlertChannelSchema = z.object({
  name: fields.name.optional(),
  url: fields.httpUrl.optional(),
  signingSecret: signingSecret.optional(),
  enabled: z.boolean().optional(),
});

@InputType({ description: 'A new webhook alert channel.' })
export class CreateAlertChannelInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Owning tenant; omit for a platform-wide channel (platform admins).',
  })
  tenantId?: string | null;

  @Field({ description: 'Display name.' })
  name!: string;

  @Field({
    description: 'Webhook URL (write-only after creation; private addresses need the allowlist).',
  })
  url!: string;

  @Field({
    description: 'Secret used to sign webhook bodies; write-only, sealed with the master key.',
  })
  signingSecret!: string;

  @Field(() => Boolean, { nullable: true, description: 'Default true.' })
  enabled?: boolean | null;
}

@InputType({ description: 'Changes to an alert channel; omitted fields stay as they are.' })
export class UpdateAlertChannelInput {
  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'New webhook URL.' })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'New signing secret (rotation).' })
  signingSecret?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Enable or disable.' })
  enabled?: boolean | null;
}
