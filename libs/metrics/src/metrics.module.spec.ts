import { Injectable, Module, type INestApplication, type OnModuleInit } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Counter, Registry } from 'prom-client';
import { MetricsModule } from './metrics.module';

@Injectable()
class SampleCounter implements OnModuleInit {
  constructor(private readonly registry: Registry) {}

  onModuleInit(): void {
    new Counter({ name: 'sample_events_total', help: 'Events counted by the test', registers: [this.registry] }).inc(3);
  }
}

@Module({ providers: [SampleCounter] })
class SampleModule {}

describe('MetricsModule', () => {
  let app: INestApplication;
  let baseUrl: string;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [MetricsModule.forService('sample-service'), SampleModule],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  afterAll(async () => {
    await app.close();
  });

  it('serves the Prometheus text format', async () => {
    const response = await fetch(`${baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
  });

  it('includes default process metrics with the service label', async () => {
    const body = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(body).toMatch(/^process_cpu_user_seconds_total\{service="sample-service"\} /m);
  });

  it('includes series registered by other modules', async () => {
    const body = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(body).toContain('sample_events_total{service="sample-service"} 3');
  });
});
