import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType, PageArgs } from '../../graphql/pagination.js';

const nanoUsd = 'nano-USD per 1M tokens, as decimal digits (e.g. "400000000" = $0.40/MTok)';

@ObjectType({
  description: 'An effective-dated price of a model. Money is integer nano-USD per 1M tokens.',
})
export class ModelPrice {
  @Field(() => ID, { description: 'Price id.' })
  id!: string;

  @Field(() => ID, { description: 'Catalog model id.' })
  modelId!: string;

  @Field({ description: 'First instant the price applies (inclusive).' })
  effectiveFrom!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'Instant it stops applying (exclusive); null = open-ended.',
  })
  effectiveTo!: Date | null;

  @Field({ description: 'Billing currency of the provider (USD).' })
  currency!: string;

  @Field({ description: `Input tokens, ${nanoUsd}.` })
  inputNanoUsdPerMTok!: string;

  @Field({ description: `Output tokens, ${nanoUsd}.` })
  outputNanoUsdPerMTok!: string;

  @Field(() => String, { nullable: true, description: `Cache reads, ${nanoUsd}.` })
  cacheReadNanoUsdPerMTok!: string | null;

  @Field(() => String, {
    nullable: true,
    description: `Cache writes (default lifetime), ${nanoUsd}.`,
  })
  cacheWriteNanoUsdPerMTok!: string | null;

  @Field(() => String, {
    nullable: true,
    description: `Cache writes with 1 h lifetime, ${nanoUsd}.`,
  })
  cacheWrite1hNanoUsdPerMTok!: string | null;

  @Field(() => String, {
    nullable: true,
    description: `Reasoning tokens billed apart from output, ${nanoUsd}.`,
  })
  reasoningNanoUsdPerMTok!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Input tokens above which the long-context prices apply.',
  })
  longContextThresholdTokens!: number | null;

  @Field(() => String, { nullable: true, description: `Long-context input, ${nanoUsd}.` })
  longContextInputNanoUsdPerMTok!: string | null;

  @Field(() => String, { nullable: true, description: `Long-context output, ${nanoUsd}.` })
  longContextOutputNanoUsdPerMTok!: string | null;

  @Field(() => String, { nullable: true, description: `Long-context cache reads, ${nanoUsd}.` })
  longContextCacheReadNanoUsdPerMTok!: string | null;
}

@ObjectType({ description: 'One exact model version in the catalog.' })
export class CatalogModel {
  @Field(() => ID, { description: 'Catalog id (aliases and deployments point here).' })
  id!: string;

  @Field({ description: 'Canonical dated id, e.g. gpt-4.1-mini-2025-04-14.' })
  canonicalId!: string;

  @Field({ description: 'Adapter type that serves it.' })
  providerType!: string;

  @Field({ description: 'Model id the provider API expects.' })
  providerModelId!: string;

  @Field(() => String, { nullable: true, description: 'Dated version string.' })
  version!: string | null;

  @Field(() => String, { nullable: true, description: 'Model family, e.g. gpt-4.1.' })
  family!: string | null;

  @Field(() => Int, { description: 'Context window in tokens.' })
  contextWindow!: number;

  @Field(() => Int, { nullable: true, description: 'Most output tokens per request.' })
  maxOutputTokens!: number | null;

  @Field(() => [String], {
    description:
      'tools, json_schema, json_object, vision, audio, documents, reasoning, embeddings.',
  })
  capabilities!: string[];

  @Field(() => Int, {
    nullable: true,
    description: 'Quality score 0–100 for quality-aware routing.',
  })
  qualityScore!: number | null;

  @Field(() => Date, { nullable: true, description: 'When the provider deprecated it.' })
  deprecatedAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When it stopped being served; retired models leave the snapshot.',
  })
  retiredAt!: Date | null;

  @Field(() => [ModelPrice], { description: 'Prices, oldest first.' })
  prices!: ModelPrice[];

  @Field({ description: 'Creation time.' })
  createdAt!: Date;

  @Field({ description: 'Last change.' })
  updatedAt!: Date;
}

@ObjectType({ description: 'A page of catalog models.' })
export class CatalogModelConnection extends ConnectionType(CatalogModel) {}

@InputType({ description: 'Narrows the model catalog.' })
export class ModelFilter {
  @Field(() => String, { nullable: true, description: 'Substring of the canonical id or family.' })
  search?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this provider type.' })
  providerType?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Include retired models (default false).' })
  includeRetired?: boolean | null;
}

@ArgsType()
export class ModelListArgs extends PageArgs {
  @Field(() => ModelFilter, {
    nullable: true,
    description: 'Filters; omit for the whole active catalog.',
  })
  filter?: ModelFilter | null;
}
