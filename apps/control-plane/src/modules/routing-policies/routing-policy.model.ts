import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from '../../graphql/json-scalar.js';
import { ConnectionType, PageArgs } from '../../graphql/pagination.js';

@ObjectType({ description: 'An immutable revision of a routing policy’s rule document.' })
export class RoutingPolicyVersion {
  @Field(() => ID, { description: 'Version row id.' })
  id!: string;

  @Field(() => ID, { description: 'Policy it belongs to.' })
  policyId!: string;

  @Field(() => Int, { description: 'Version number, 1, 2, 3 … per policy.' })
  version!: number;

  @Field(() => JsonScalar, { description: 'The validated rule document (defaults filled in).' })
  document!: unknown;

  @Field(() => ID, { nullable: true, description: 'Admin principal who wrote this version.' })
  createdById!: string | null;

  @Field({ description: 'When this version was written.' })
  createdAt!: Date;
}

@ObjectType({ description: 'A tenant’s routing policy: ordered rules deciding where requests go.' })
export class RoutingPolicy {
  @Field(() => ID, { description: 'Policy id.' })
  id!: string;

  @Field(() => ID, { description: 'Tenant it belongs to.' })
  tenantId!: string;

  @Field({ description: 'Name, unique per tenant.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the policy is for.' })
  description!: string | null;

  @Field(() => RoutingPolicyVersion, {
    nullable: true,
    description: 'The version data planes use; null = inactive.',
  })
  activeVersion!: RoutingPolicyVersion | null;

  @Field(() => RoutingPolicyVersion, { description: 'The newest version.' })
  latestVersion!: RoutingPolicyVersion;

  @Field({ description: 'Creation time.' })
  createdAt!: Date;

  @Field({ description: 'Last change.' })
  updatedAt!: Date;
}

@ObjectType({ description: 'A page of routing policies.' })
export class RoutingPolicyConnection extends ConnectionType(RoutingPolicy) {}

@ObjectType({ description: 'A page of policy versions, newest first.' })
export class RoutingPolicyVersionConnection extends ConnectionType(RoutingPolicyVersion) {}

@InputType({ description: 'Narrows the routing-policy list.' })
export class RoutingPolicyFilter {
  @Field(() => ID, { nullable: true, description: 'Only this tenant’s policies.' })
  tenantId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only policies with an active version.' })
  activeOnly?: boolean | null;
}

@ArgsType()
export class RoutingPolicyListArgs extends PageArgs {
  @Field(() => RoutingPolicyFilter, {
    nullable: true,
    description: 'Filters; omit for all you may see.',
  })
  filter?: RoutingPolicyFilter | null;
}

@ObjectType({ description: 'How one rule fared against the sample request.' })
export class DryRunRuleEvaluation {
  @Field({ description: 'Rule name.' })
  rule!: string;

  @Field({ description: 'True when every condition of the rule holds.' })
  matched!: boolean;

  @Field(() => [String], { description: 'The conditions that did not hold, in words.' })
  failedConditions!: string[];
}

@ArgsType()
export class RoutingPolicyVersionListArgs extends PageArgs {
  @Field(() => ID, { description: 'Policy whose versions to list.' })
  policyId!: string;
}

@ObjectType({ description: 'Result of evaluating a policy document against a sample request.' })
export class DryRunResult {
  @Field(() => String, {
    nullable: true,
    description: 'First matching rule; null = no rule matched.',
  })
  matchedRule!: string | null;

  @Field(() => JsonScalar, {
    nullable: true,
    description: 'Route of the matching rule (defaults filled in).',
  })
  route!: unknown;

  @Field({ description: 'What the gateway would do, in one sentence.' })
  explanation!: string;

  @Field(() => [DryRunRuleEvaluation], {
    description: 'Every rule in order, matched or not, and why.',
  })
  evaluations!: DryRunRuleEvaluation[];

  @Field(() => JsonScalar, {
    description: 'The document after validation, with defaults filled in.',
  })
  normalizedDocument!: unknown;
}
