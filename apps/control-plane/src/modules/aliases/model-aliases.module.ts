import { Module } from '@nestjs/common';
import { ModelAliasesResolver } from './model-aliases.resolver.js';
import { ModelAliasesService } from './model-aliases.service.js';

@Module({ providers: [ModelAliasesService, ModelAliasesResolver] })
export class ModelAliasesModule {}
