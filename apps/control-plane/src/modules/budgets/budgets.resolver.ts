import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { Allow, anyRole, CurrentActor } from '../auth/allow.decorator.js';
import { CreateBudgetInput, UpdateBudgetInput } from './budget.inputs.js';
import { Budget, BudgetConnection, BudgetListArgs } from './budget.model.js';
import { BudgetsService } from './budgets.service.js';

const budgetId = { type: () => ID, description: 'Budget id.' };

@Resolver(() => Budget)
export class BudgetsResolver {
  constructor(private readonly service: BudgetsService) {}

  @Query(() => BudgetConnection, { description: 'Budgets with their current spend.' })
  @Allow(...anyRole)
  budgets(@CurrentActor() actor: Actor, @Args() args: BudgetListArgs): Promise<BudgetConnection> {
    return this.service.list(actor, args);
  }

  @Query(() => Budget, { description: 'One budget by id.' })
  @Allow(...anyRole)
  budget(@CurrentActor() actor: Actor, @Args('id', budgetId) id: string): Promise<Budget> {
    return this.service.get(actor, id);
  }

  @Mutation(() => Budget, { description: 'Creates a budget.' })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  createBudget(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The new budget.' }) input: CreateBudgetInput,
  ): Promise<Budget> {
    return this.service.create(actor, input);
  }

  @Mutation(() => Budget, { description: 'Changes a budget.' })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  updateBudget(
    @CurrentActor() actor: Actor,
    @Args('id', budgetId) id: string,
    @Args('input', { description: 'Fields to change.' }) input: UpdateBudgetInput,
  ): Promise<Budget> {
    return this.service.update(actor, id, input);
  }

  @Mutation(() => Budget, { description: 'Deletes a budget (its spend history goes with it).' })
  @Allow('PLATFORM_ADMIN', 'TENANT_ADMIN')
  deleteBudget(@CurrentActor() actor: Actor, @Args('id', budgetId) id: string): Promise<Budget> {
    return this.service.delete(actor, id);
  }
}
