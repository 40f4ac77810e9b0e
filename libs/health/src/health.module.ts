import { DynamicModule, Module, type Type } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DEPENDENCY_CHECKS, type DependencyCheck } from './dependency-check';
import { HealthController } from './health.controller';

/** Serves GET /health over the given dependency checks, which are Nest providers. */
@Module({})
export class HealthModule {
  static forChecks(checks: Type<DependencyCheck>[]): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [
        ...checks,
        { provide: DEPENDENCY_CHECKS, useFactory: (...instances: DependencyCheck[]) => instances, inject: checks },
      ],
    };
  }
}
