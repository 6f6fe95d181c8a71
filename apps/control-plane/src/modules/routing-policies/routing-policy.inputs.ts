import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { z } from 'zod';
import { JsonScalar } from '../../graphql/json-scalar.js';
import { fields } from '../../graphql/parse-input.js';

/** The document itself is validated separately with routingPolicyDocumentSchema (path `…document`). */
export const createRoutingPolicySchema = z.object({
  tenantId: fields.id.optional(),
  name: fields.name,
  description: fields.description.optional(),
  document: z.unknown(),
  activate: z.boolean().optional(),
});
export const updateRoutingPolicySchema = z.object({
  name: fields.name.optional(),
  description: fields.description.optional(),
  document: z.unknown().optional(),
  activate: z.boolean().optional(),
});

const stringRecord = z.record(z.string(), z.string(), {
  error: 'must be a JSON object of string values',
});
export const sampleRequestSchema = z.object({
  model: z.string().min(1, 'must name the model or alias the request asks for'),
  promptTokens: z.number().int().min(0).optional(),
  tools: z.boolean().optional(),
  images: z.boolean().optional(),
  jsonOutput: z.boolean().optional(),
  streaming: z.boolean().optional(),
  tags: stringRecord.optional(),
  headers: stringRecord.optional(),
  apiKeyId: z.string().optional(),
  user: z.string().optional(),
});

@InputType({ description: 'A new routing policy and its first version.' })
export class CreateRoutingPolicyInput {
  @Field(() => ID, { nullable: true, description: 'Tenant (tenant admins: defaults to yours).' })
  tenantId?: string | null;

  @Field({ description: 'Name, unique per tenant.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What it is for.' })
  description?: string | null;

  @Field(() => JsonScalar, {
    description: 'Rule document (see packages/policy routing-policy-schema).',
  })
  document!: unknown;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Make version 1 the tenant’s active policy now.',
  })
  activate?: boolean | null;
}

@InputType({ description: 'Changes to a policy; a new document creates a new version.' })
export class UpdateRoutingPolicyInput {
  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'New description.' })
  description?: string | null;

  @Field(() => JsonScalar, { nullable: true, description: 'New rule document → new version.' })
  document?: unknown;

  @Field(() => Boolean, { nullable: true, description: 'Activate the newest version now.' })
  activate?: boolean | null;
}

@InputType({ description: 'A request to test a policy against (nothing is sent anywhere).' })
export class DryRunSampleRequestInput {
  @Field({ description: 'Model name or alias the request asks for.' })
  model!: string;

  @Field(() => Int, { nullable: true, description: 'Estimated prompt tokens.' })
  promptTokens?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'The request carries tools.' })
  tools?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'The request carries images.' })
  images?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'The request asks for JSON output.' })
  jsonOutput?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'The request streams.' })
  streaming?: boolean | null;

  @Field(() => JsonScalar, {
    nullable: true,
    description: 'Caller tags as a JSON object of strings.',
  })
  tags?: unknown;

  @Field(() => JsonScalar, {
    nullable: true,
    description: 'Request headers as a JSON object of strings.',
  })
  headers?: unknown;

  @Field(() => ID, { nullable: true, description: 'Gateway API key id the request uses.' })
  apiKeyId?: string | null;

  @Field(() => String, { nullable: true, description: 'End-user id.' })
  user?: string | null;
}
