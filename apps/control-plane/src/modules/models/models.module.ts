import { Module } from '@nestjs/common';
import { ModelPricesService } from './model-prices.service.js';
import { ModelsResolver } from './models.resolver.js';
import { ModelsService } from './models.service.js';

@Module({ providers: [ModelsService, ModelPricesService, ModelsResolver] })
export class ModelsModule {}
