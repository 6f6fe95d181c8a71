import { Module } from '@nestjs/common';
import { BudgetsResolver } from './budgets.resolver.js';
import { BudgetsService } from './budgets.service.js';

@Module({ providers: [BudgetsService, BudgetsResolver] })
export class BudgetsModule {}
