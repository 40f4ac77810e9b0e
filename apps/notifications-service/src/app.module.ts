import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@ediary/health';
import { KafkaHealthCheck, KafkaModule } from '@ediary/kafka';
import { loggingModule } from '@ediary/logging';
import { MongoHealthCheck, MongoModule } from '@ediary/mongo';
import type { NotificationsConfig } from './notifications.config';
import { RedisHealthCheck, RedisModule } from './redis/redis.module';

@Module({})
export class AppModule {
  static register(config: NotificationsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        loggingModule({ service: config.service, level: config.logLevel }),
        KafkaModule.forRoot(config.kafka),
        MongoModule.forRoot(config.mongo),
        RedisModule.forRoot(config.redis),
        HealthModule.forChecks([KafkaHealthCheck, MongoHealthCheck, RedisHealthCheck]),
      ],
    };
  }
}
