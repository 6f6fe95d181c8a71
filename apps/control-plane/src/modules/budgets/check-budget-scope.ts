import { BadUserInputError, NotFoundError } from '../../graphql/api-errors.js';
import type { Transaction } from '../../infra/prisma.service.js';

export interface BudgetShape {
  tenantId: string;
  scopeType: 'TENANT' | 'API_KEY' | 'PROVIDER' | 'MODEL' | 'TAG' | 'END_USER';
  scopeValue: string | null;
  action: 'WARN' | 'DOWNGRADE' | 'BLOCK';
  downgradeModelId: string | null;
}

/**
 * Rules across fields that zod cannot see alone: the scope value must fit the scope type (and
 * name a key of the same tenant or a real model), and DOWNGRADE needs a model to downgrade to.
 */
export async function checkBudgetScope(
  transaction: Transaction,
  budget: BudgetShape,
): Promise<void> {
  if (budget.scopeType === 'TENANT') {
    if (budget.scopeValue)
      throw BadUserInputError.field('input.scopeValue', 'must be empty for a TENANT budget');
  } else if (!budget.scopeValue) {
    throw BadUserInputError.field(
      'input.scopeValue',
      `is required for a ${budget.scopeType} budget`,
    );
  }
  if (budget.scopeType === 'API_KEY' && budget.scopeValue) {
    const key = await transaction.apiKey.findFirst({
      where: { id: budget.scopeValue, tenantId: budget.tenantId },
      select: { id: true },
    });
    if (!key) throw new NotFoundError('ApiKey', budget.scopeValue);
  }
  if (budget.scopeType === 'MODEL' && budget.scopeValue) {
    const model = await transaction.model.findUnique({
      where: { id: budget.scopeValue },
      select: { id: true },
    });
    if (!model) throw new NotFoundError('Model', budget.scopeValue);
  }
  if (budget.scopeType === 'TAG' && budget.scopeValue && !/^[^=]+=.+$/.test(budget.scopeValue)) {
    throw BadUserInputError.field('input.scopeValue', 'must look like key=value for a TAG budget');
  }
  if (budget.action === 'DOWNGRADE') {
    if (!budget.downgradeModelId)
      throw BadUserInputError.field(
        'input.downgradeModelId',
        'is required when action is DOWNGRADE',
      );
    const model = await transaction.model.findUnique({
      where: { id: budget.downgradeModelId },
      select: { id: true },
    });
    if (!model) throw new NotFoundError('Model', budget.downgradeModelId);
  } else if (budget.downgradeModelId) {
    throw BadUserInputError.field(
      'input.downgradeModelId',
      'is only allowed when action is DOWNGRADE',
    );
  }
}
