import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { ApiExceptionFilter } from './api-exception.filter';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKey, ApiKeySchema } from './api-key.schema';

/**
 * API-key authentication on every route and the common error response. Needs the
 * service's MongoModule, where the keys are stored.
 */
@Global()
@Module({
  imports: [MongooseModule.forFeature([{ name: ApiKey.name, schema: ApiKeySchema }])],
  providers: [
    ApiKeyRepository,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_FILTER, useClass: ApiExceptionFilter },
  ],
  exports: [ApiKeyRepository],
})
export class HttpApiModule {}
