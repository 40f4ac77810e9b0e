import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@ediary/health';
import { HttpApiModule } from '@ediary/http-api';
import { KafkaHealthCheck, KafkaModule } from '@ediary/kafka';
import { loggingModule } from '@ediary/logging';
import { MetricsModule } from '@ediary/metrics';
import { MongoHealthCheck, MongoModule } from '@ediary/mongo';
import type { ContactsConfig } from './contacts.config';
import { GuardiansModule } from './guardians/guardians.module';

@Module({})
export class AppModule {
  static register(config: ContactsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        loggingModule({ service: config.service, level: config.logLevel }),
        KafkaModule.forRoot(config.kafka),
        MongoModule.forRoot(config.mongo),
        HttpApiModule,
        HealthModule.forChecks([KafkaHealthCheck, MongoHealthCheck]),
        MetricsModule.forService(config.service),
        GuardiansModule,
      ],
    };
  }
}
