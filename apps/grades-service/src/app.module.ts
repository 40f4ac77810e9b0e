import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@ediary/health';
import { KafkaHealthCheck, KafkaModule } from '@ediary/kafka';
import { loggingModule } from '@ediary/logging';
import { MongoHealthCheck, MongoModule } from '@ediary/mongo';
import type { GradesConfig } from './grades.config';

@Module({})
export class AppModule {
  static register(config: GradesConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        loggingModule({ service: config.service, level: config.logLevel }),
        KafkaModule.forRoot(config.kafka),
        MongoModule.forRoot(config.mongo),
        HealthModule.forChecks([KafkaHealthCheck, MongoHealthCheck]),
      ],
    };
  }
}
