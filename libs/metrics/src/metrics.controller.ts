import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@ediary/http-api';
import { Registry } from 'prom-client';

/** GET /metrics in the Prometheus text format. Needs no API key, like /health. */
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: Registry) {}

  @Get()
  async scrape(@Res() response: Response): Promise<void> {
    const body = await this.registry.metrics();
    response.status(200).type(this.registry.contentType).send(body);
  }
}
