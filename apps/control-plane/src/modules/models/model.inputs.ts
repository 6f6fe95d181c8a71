import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { capabilitySchema } from '@switchyard/policy';
import { z } from 'zod';
import { fields } from '../../graphql/parse-input.js';

const identifier = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:/@-]{0,199}$/,
    'must be 1–200 characters: letters, digits and . _ : / @ -',
  );
const modelSettings = z
  .object({
    providerType: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,40}$/, 'must be an adapter name such as openai'),
    providerModelId: identifier,
    version: z.string().trim().min(1).max(64),
    family: z.string().trim().min(1).max(100),
    contextWindow: fields.positiveInt,
    maxOutputTokens: fields.positiveInt,
    capabilities: z.array(capabilitySchema).max(20),
    qualityScore: z.number().int().min(0, 'must be 0–100').max(100, 'must be 0–100'),
    deprecatedAt: z.date(),
    retiredAt: z.date(),
  })
  .partial();

export const createModelSchema = modelSettings.extend({
  canonicalId: identifier,
  providerType: modelSettings.shape.providerType.unwrap(),
  providerModelId: identifier,
  contextWindow: fields.positiveInt,
});
export const updateModelSchema = modelSettings.extend({
  clearRetiredAt: z.boolean().optional(),
  clearDeprecatedAt: z.boolean().optional(),
});

const priceAmounts = z
  .object({
    currency: z.literal('USD', { error: 'only USD prices are supported' }),
    cacheReadNanoUsdPerMTok: fields.nanoUsd,
    cacheWriteNanoUsdPerMTok: fields.nanoUsd,
    cacheWrite1hNanoUsdPerMTok: fields.nanoUsd,
    reasoningNanoUsdPerMTok: fields.nanoUsd,
    longContextThresholdTokens: fields.positiveInt,
    longContextInputNanoUsdPerMTok: fields.nanoUsd,
    longContextOutputNanoUsdPerMTok: fields.nanoUsd,
    longContextCacheReadNanoUsdPerMTok: fields.nanoUsd,
    effectiveTo: z.date(),
  })
  .partial();

export const createModelPriceSchema = priceAmounts
  .extend({
    modelId: fields.id,
    effectiveFrom: z.date(),
    inputNanoUsdPerMTok: fields.nanoUsd,
    outputNanoUsdPerMTok: fields.nanoUsd,
  })
  .refine((price) => !price.effectiveTo || price.effectiveTo > price.effectiveFrom, {
    message: 'must be after effectiveFrom',
    path: ['effectiveTo'],
  });

export const updateModelPriceSchema = priceAmounts.extend({
  inputNanoUsdPerMTok: fields.nanoUsd.optional(),
  outputNanoUsdPerMTok: fields.nanoUsd.optional(),
  clearEffectiveTo: z.boolean().optional(),
});

@InputType({ isAbstract: true })
class ModelSettingsInput {
  @Field(() => String, { nullable: true, description: 'Dated version string.' })
  version?: string | null;

  @Field(() => String, { nullable: true, description: 'Model family.' })
  family?: string | null;

  @Field(() => Int, { nullable: true, description: 'Most output tokens per request.' })
  maxOutputTokens?: number | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Capabilities (see CatalogModel.capabilities).',
  })
  capabilities?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'Quality score 0–100.' })
  qualityScore?: number | null;

  @Field(() => Date, { nullable: true, description: 'Deprecation date.' })
  deprecatedAt?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Retirement date; retired models leave the snapshot.',
  })
  retiredAt?: Date | null;
}

@InputType({ description: 'A new catalog model version.' })
export class CreateModelInput extends ModelSettingsInput {
  @Field({ description: 'Canonical dated id, unique.' })
  canonicalId!: string;

  @Field({ description: 'Adapter type.' })
  providerType!: string;

  @Field({ description: 'Model id the provider API expects.' })
  providerModelId!: string;

  @Field(() => Int, { description: 'Context window in tokens.' })
  contextWindow!: number;
}

@InputType({ description: 'Changes to a catalog model; omitted fields stay as they are.' })
export class UpdateModelInput extends ModelSettingsInput {
  @Field(() => String, { nullable: true, description: 'Adapter type.' })
  providerType?: string | null;

  @Field(() => String, { nullable: true, description: 'Provider model id.' })
  providerModelId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Context window in tokens.' })
  contextWindow?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Un-retire the model.' })
  clearRetiredAt?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Remove the deprecation date.' })
  clearDeprecatedAt?: boolean | null;
}

@InputType({ isAbstract: true })
class PriceAmountsInput {
  @Field(() => String, { nullable: true, description: 'Currency; only USD.' })
  currency?: string | null;

  @Field(() => String, { nullable: true, description: 'Cache reads, nano-USD per 1M tokens.' })
  cacheReadNanoUsdPerMTok?: string | null;

  @Field(() => String, { nullable: true, description: 'Cache writes, nano-USD per 1M tokens.' })
  cacheWriteNanoUsdPerMTok?: string | null;

  @Field(() => String, { nullable: true, description: '1 h cache writes, nano-USD per 1M tokens.' })
  cacheWrite1hNanoUsdPerMTok?: string | null;

  @Field(() => String, { nullable: true, description: 'Reasoning tokens, nano-USD per 1M tokens.' })
  reasoningNanoUsdPerMTok?: string | null;

  @Field(() => Int, { nullable: true, description: 'Long-context threshold in input tokens.' })
  longContextThresholdTokens?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Long-context input, nano-USD per 1M tokens.',
  })
  longContextInputNanoUsdPerMTok?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Long-context output, nano-USD per 1M tokens.',
  })
  longContextOutputNanoUsdPerMTok?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Long-context cache reads, nano-USD per 1M tokens.',
  })
  longContextCacheReadNanoUsdPerMTok?: string | null;

  @Field(() => Date, { nullable: true, description: 'End of validity (exclusive).' })
  effectiveTo?: Date | null;
}

@InputType({ description: 'A new effective-dated price.' })
export class CreateModelPriceInput extends PriceAmountsInput {
  @Field(() => ID, { description: 'Catalog model id.' })
  modelId!: string;

  @Field({ description: 'Start of validity (inclusive).' })
  effectiveFrom!: Date;

  @Field({ description: 'Input tokens, nano-USD per 1M tokens, as digits.' })
  inputNanoUsdPerMTok!: string;

  @Field({ description: 'Output tokens, nano-USD per 1M tokens, as digits.' })
  outputNanoUsdPerMTok!: string;
}

@InputType({ description: 'Changes to a price; omitted fields stay as they are.' })
export class UpdateModelPriceInput extends PriceAmountsInput {
  @Field(() => String, { nullable: true, description: 'Input tokens, nano-USD per 1M tokens.' })
  inputNanoUsdPerMTok?: string | null;

  @Field(() => String, { nullable: true, description: 'Output tokens, nano-USD per 1M tokens.' })
  outputNanoUsdPerMTok?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Make the price open-ended.' })
  clearEffectiveTo?: boolean | null;
}
