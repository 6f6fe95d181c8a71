import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { JsonScalar } from '../../graphql/json-scalar.js';
import type { Actor } from '../auth/actor.js';
import { Allow, anyRole, CurrentActor } from '../auth/allow.decorator.js';
import { dryRunRoutingPolicy } from './dry-run-routing-policy.js';
import {
  CreateRoutingPolicyInput,
  DryRunSampleRequestInput,
  UpdateRoutingPolicyInput,
} from './routing-policy.inputs.js';
import {
  DryRunResult,
  RoutingPolicy,
  RoutingPolicyConnection,
  RoutingPolicyListArgs,
  RoutingPolicyVersionConnection,
  RoutingPolicyVersionListArgs,
} from './routing-policy.model.js';
import { RoutingPoliciesService } from './routing-policies.service.js';

const policyId = { type: () => ID, description: 'Routing policy id.' };

@Resolver(() => RoutingPolicy)
export class RoutingPoliciesResolver {
  constructor(private readonly service: RoutingPoliciesService) {}

  @Query(() => RoutingPolicyConnection, {
    description: 'Routing policies with their active and latest versions.',
  })
  @Allow(...anyRole)
  routingPolicies(
    @CurrentActor() actor: Actor,
    @Args() args: RoutingPolicyListArgs,
  ): Promise<RoutingPolicyConnection> {
    return this.service.list(actor, args);
  }

  @Query(() => RoutingPolicy, { description: 'One routing policy by id.' })
  @Allow(...anyRole)
  routingPolicy(
    @CurrentActor() actor: Actor,
    @Args('id', policyId) id: string,
  ): Promise<RoutingPolicy> {
    return this.service.get(actor, id);
  }

  @Query(() => RoutingPolicyVersionConnection, {
    description: 'Version history of a policy, newest first.',
  })
  @Allow(...anyRole)
  routingPolicyVersions(
    @CurrentActor() actor: Actor,
    @Args() args: RoutingPolicyVersionListArgs,
  ): Promise<RoutingPolicyVersionConnection> {
    return this.service.versions(actor, args);
  }

  @Query(() => DryRunResult, {
    description: 'Validates a rule document and shows which rule a sample request would hit.',
  })
  @Allow(...anyRole)
  dryRunRoutingPolicy(
    @Args('document', { type: () => JsonScalar, description: 'Rule document to test.' })
    document: unknown,
    @Args('sampleRequest', { description: 'The request to test it with.' })
    sampleRequest: DryRunSampleRequestInput,
  ): DryRunResult {
    return dryRunRoutingPolicy(document, sampleRequest);
  }

  @Mutation(() => RoutingPolicy, {
    description: 'Creates a policy with version 1 (validated before saving).',
  })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  createRoutingPolicy(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The new policy.' }) input: CreateRoutingPolicyInput,
  ): Promise<RoutingPolicy> {
    return this.service.create(actor, input);
  }

  @Mutation(() => RoutingPolicy, {
    description: 'Renames a policy or saves a new document as a new version.',
  })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  updateRoutingPolicy(
    @CurrentActor() actor: Actor,
    @Args('id', policyId) id: string,
    @Args('input', { description: 'Fields to change.' }) input: UpdateRoutingPolicyInput,
  ): Promise<RoutingPolicy> {
    return this.service.update(actor, id, input);
  }

  @Mutation(() => RoutingPolicy, {
    description: 'Makes a version the tenant’s active policy (others are deactivated).',
  })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  activateRoutingPolicy(
    @CurrentActor() actor: Actor,
    @Args('id', policyId) id: string,
    @Args('version', {
      type: () => Int,
      description: 'Version number to activate (rollback = an older one).',
    })
    version: number,
  ): Promise<RoutingPolicy> {
    return this.service.activate(actor, id, version);
  }

  @Mutation(() => RoutingPolicy, {
    description: 'Deactivates a policy; requests go to the model’s own deployments.',
  })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  deactivateRoutingPolicy(
    @CurrentActor() actor: Actor,
    @Args('id', policyId) id: string,
  ): Promise<RoutingPolicy> {
    return this.service.deactivate(actor, id);
  }

  @Mutation(() => RoutingPolicy, { description: 'Deletes a policy and all its versions.' })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  deleteRoutingPolicy(
    @CurrentActor() actor: Actor,
    @Args('id', policyId) id: string,
  ): Promise<RoutingPolicy> {
    return this.service.delete(actor, id);
  }
}
