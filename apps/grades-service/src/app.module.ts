import { DynamicModule, Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { HealthModule } from '@ediary/health';
import { HttpApiModule } from '@ediary/http-api';
import { KafkaHealthCheck, KafkaModule } from '@ediary/kafka';
import { loggingModule } from '@ediary/logging';
import { MetricsModule } from '@ediary/metrics';
import { MongoHealthCheck, MongoModule } from '@ediary/mongo';
import type { GradesConfig } from './grades.config';
import { CorrelationIdMiddleware } from './http/correlation-id';
import { ExamResultsModule } from './exam-results/exam-results.module';
import { FinalGradesModule } from './final-grades/final-grades.module';
import { HomeworkModule } from './homework/homework.module';
import { MarksModule } from './marks/marks.module';
import { NetSchoolModule } from './netschool/netschool.module';

@Module({})
export class AppModule implements NestModule {
  static register(config: GradesConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        loggingModule({ service: config.service, level: config.logLevel }),
        KafkaModule.forRoot(config.kafka),
        MongoModule.forRoot(config.mongo),
        // Stores its API keys through the connection of MongoModule above.
        HttpApiModule,
        HealthModule.forChecks([KafkaHealthCheck, MongoHealthCheck]),
        MetricsModule.forService(config.service),
        MarksModule,
        HomeworkModule,
        FinalGradesModule,
        ExamResultsModule,
        NetSchoolModule,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CorrelationIdMiddleware).forRoutes('*');
  }
}
