import { Controller, Get, HttpStatus, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import type { Response } from 'express';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '@ediary/http-api';
import { DEPENDENCY_CHECKS, type DependencyCheck } from './dependency-check';

/** A dependency that has not responded by then counts as down, so /health itself responds quickly. */
const CHECK_TIMEOUT_MS = 3000;

function withTimeout(promise: Promise<void>, name: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} did not respond within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** GET /health: 200 when every dependency responds, 503 naming the ones that do not. Needs no API key. */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(DEPENDENCY_CHECKS) private readonly checks: DependencyCheck[],
  ) {}

  @Get()
  @HealthCheck()
  async check(@Res({ passthrough: true }) response: Response) {
    try {
      return await this.runChecks();
    } catch (error) {
      // Terminus reports a failed check as a 503 exception; its body is the health reply itself.
      if (error instanceof ServiceUnavailableException) {
        response.status(HttpStatus.SERVICE_UNAVAILABLE);
        return error.getResponse();
      }
      throw error;
    }
  }

  private runChecks() {
    return this.health.check(
      this.checks.map((dependency) => async () => {
        const session = this.indicators.check(dependency.name);
        try {
          await withTimeout(dependency.check(), dependency.name);
          return session.up();
        } catch (error) {
          return session.down({ message: error instanceof Error ? error.message : String(error) });
        }
      }),
    );
  }
}
