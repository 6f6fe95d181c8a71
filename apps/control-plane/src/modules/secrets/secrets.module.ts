import { Module } from '@nestjs/common';
import { ResealSecretsResolver } from './reseal-secrets.resolver.js';
import { ResealSecretsService } from './reseal-secrets.service.js';

@Module({ providers: [ResealSecretsService, ResealSecretsResolver] })
export class SecretsModule {}
