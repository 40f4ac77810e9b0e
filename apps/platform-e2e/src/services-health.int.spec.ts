import {
  freePort,
  startScratchRedis,
  startServiceProcess,
  testInfra,
  uniqueName,
  type ScratchRedis,
  type ServiceProcess,
} from '@ediary/testing';

interface HealthReply {
  status: 'ok' | 'error';
  details: Record<string, { status: 'up' | 'down'; message?: string }>;
}


async function readHealth(service: ServiceProcess): Promise<{ httpStatus: number; body: HealthReply }> {
  const response = await fetch(`${service.baseUrl}/health`);
  return { httpStatus: response.status, body: (await response.json()) as HealthReply };
}

const SERVICES = ['grades-service', 'consent-service', 'contacts-service', 'notifications-service'] as const;

describe('service health', () => {
  // Notifications gets a Redis of its own, so that stopping it disturbs no other test.
  let redis: ScratchRedis;
  const running = new Map<(typeof SERVICES)[number], ServiceProcess>();

  beforeAll(async () => {
    redis = await startScratchRedis('health');
    const infra = testInfra();
    const prefix = uniqueName('health');
    const common = {
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: `${prefix}.`,
      MONGO_URL: infra.mongoUrl,
      MONGO_DB_PREFIX: `${prefix}-`,
      LOG_LEVEL: 'warn',
    };
    const started = await Promise.all(
      SERVICES.map(async (app) => {
        const port = await freePort();
        const env =
          app === 'notifications-service'
            ? {
                ...common,
                REDIS_URL: redis.url,
                QUEUE_PREFIX: prefix,
                TWILIO_ACCOUNT_SID: infra.smsCredentials.accountSid,
                TWILIO_AUTH_TOKEN: infra.smsCredentials.authToken,
                TWILIO_API_BASE_URL: infra.smsApiBaseUrl,
                SMS_FROM: '+79990000000',
                SMTP_HOST: infra.smtp.host,
                SMTP_PORT: String(infra.smtp.port),
                DIGEST_SCHEDULER: 'off',
              }
            : common;
        return [app, await startServiceProcess(app, env, { port })] as const;
      }),
    );
    for (const [app, service] of started) running.set(app, service);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([...running.values()].map((service) => service.stop()));
    await redis.stop();
  });

  it.each(SERVICES)('%s reports every dependency up', async (app) => {
    const service = running.get(app);
    if (!service) throw new Error(`${app} did not start`);

    const { httpStatus, body } = await readHealth(service);

    expect(httpStatus).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.details['kafka']?.status).toBe('up');
    expect(body.details['mongo']?.status).toBe('up');
    if (app === 'notifications-service') expect(body.details['redis']?.status).toBe('up');
  });

  it.each(SERVICES)('%s serves Prometheus metrics', async (app) => {
    const service = running.get(app);
    if (!service) throw new Error(`${app} did not start`);

    const response = await fetch(`${service.baseUrl}/metrics`);
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain(`service="${app}"`);
    if (app === 'notifications-service') {
      expect(text).toContain('notifications_queue_jobs');
      expect(text).toContain('notifications_deadline_items');
    }
  });

  it('reports redis down once it stops', async () => {
    const service = running.get('notifications-service');
    if (!service) throw new Error('notifications-service did not start');

    await redis.stop();
    const { httpStatus, body } = await readHealth(service);

    expect(httpStatus).toBe(503);
    expect(body.status).toBe('error');
    expect(body.details['redis']?.status).toBe('down');
    expect(body.details['kafka']?.status).toBe('up');
    expect(body.details['mongo']?.status).toBe('up');
  });
});
