import { Field, ID, InputType } from '@nestjs/graphql';
import { z } from 'zod';
import { fields } from '../../graphql/parse-input.js';

const aliasName = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:/@-]{0,199}$/,
    'must be 1–200 characters: letters, digits and . _ : / @ -',
  );
const fallbacks = z.array(fields.id).max(10, 'at most 10 fallbacks');

export const createModelAliasSchema = z.object({
  tenantId: fields.id.optional(),
  alias: aliasName,
  modelId: fields.id,
  fallbackModelIds: fallbacks.optional(),
});
export const updateModelAliasSchema = z.object({
  modelId: fields.id.optional(),
  fallbackModelIds: fallbacks.optional(),
});

@InputType({ description: 'A new alias / version pin.' })
export class CreateModelAliasInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Tenant to pin for; omit for a global alias (platform admins).',
  })
  tenantId?: string | null;

  @Field({ description: 'The name callers send.' })
  alias!: string;

  @Field(() => ID, { description: 'Catalog model id to pin.' })
  modelId!: string;

  @Field(() => [ID], { nullable: true, description: 'Explicit fallbacks, in order.' })
  fallbackModelIds?: string[] | null;
}

@InputType({ description: 'Re-pins an alias; omitted fields stay as they are.' })
export class UpdateModelAliasInput {
  @Field(() => ID, { nullable: true, description: 'New pinned model id.' })
  modelId?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'New fallback list (empty = never substitute).',
  })
  fallbackModelIds?: string[] | null;
}
