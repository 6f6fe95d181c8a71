import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { Allow, anyRole, CurrentActor } from '../auth/allow.decorator.js';
import { CreateDeploymentInput, UpdateDeploymentInput } from './deployment.inputs.js';
import { Deployment, DeploymentConnection, DeploymentListArgs } from './deployment.model.js';
import { DeploymentsService } from './deployments.service.js';

const deploymentId = { type: () => ID, description: 'Deployment id.' };

@Resolver(() => Deployment)
export class DeploymentsResolver {
  constructor(private readonly service: DeploymentsService) {}

  @Query(() => DeploymentConnection, {
    description: 'Deployments: your tenant’s and the shared ones.',
  })
  @Allow(...anyRole)
  deployments(
    @CurrentActor() actor: Actor,
    @Args() args: DeploymentListArgs,
  ): Promise<DeploymentConnection> {
    return this.service.list(actor, args);
  }

  @Query(() => Deployment, { description: 'One deployment by id.' })
  @Allow(...anyRole)
  deployment(
    @CurrentActor() actor: Actor,
    @Args('id', deploymentId) id: string,
  ): Promise<Deployment> {
    return this.service.get(actor, id);
  }

  @Mutation(() => Deployment, {
    description: 'Creates a deployment (shared ones: platform admins).',
  })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  createDeployment(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The new deployment.' }) input: CreateDeploymentInput,
  ): Promise<Deployment> {
    return this.service.create(actor, input);
  }

  @Mutation(() => Deployment, { description: 'Changes a deployment.' })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  updateDeployment(
    @CurrentActor() actor: Actor,
    @Args('id', deploymentId) id: string,
    @Args('input', { description: 'Fields to change.' }) input: UpdateDeploymentInput,
  ): Promise<Deployment> {
    return this.service.update(actor, id, input);
  }

  @Mutation(() => Deployment, { description: 'Deletes a deployment.' })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  deleteDeployment(
    @CurrentActor() actor: Actor,
    @Args('id', deploymentId) id: string,
  ): Promise<Deployment> {
    return this.service.delete(actor, id);
  }
}
