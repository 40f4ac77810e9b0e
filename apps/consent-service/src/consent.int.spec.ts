import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Test } from '@nestjs/testing';
import { TOPICS, type ConsentState } from '@ediary/contracts';
import { ApiKeyRepository } from '@ediary/http-api';
import { KAFKA_CLIENT, KafkaGateway, type EventConsumer } from '@ediary/kafka';
import { freePort, testInfra, uniqueName } from '@ediary/testing';
import { ConfigResourceTypes, type Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { loadConsentConfig } from './consent.config';

interface ConsentBody {
  guardianId: string;
  personalDataProcessing: string;
  electronicInformation: string;
  revision: number;
  updatedAt: string | null;
  history: {
    sequence: number;
    kind: string;
    personalDataProcessing?: string;
    electronicInformation?: string;
    scope?: string;
    registeredBy: string;
    form: string;
    documentReference: string;
    decidedAt: string;
    registeredAt: string;
    apiKeyId: string | null;
  }[];
}

interface ErrorBody {
  error: { code: string; message: string; details: { field: string; code: string; message: string }[] };
}

interface Reply<Body> {
  status: number;
  body: Body;
}

interface PublishedState {
  key: string | null;
  payload: ConsentState;
}

const grant = {
  personalDataProcessing: 'granted',
  electronicInformation: 'granted',
  registeredBy: 'Секретарь Орлова',
  form: 'paper-application',
  documentReference: 'Заявление № 15 от 01.09.2026',
  decidedAt: '2026-09-01T10:00:00+03:00',
};

const withdrawal = {
  scope: 'personal-data-processing',
  registeredBy: 'Секретарь Орлова',
  form: 'electronic-document',
  documentReference: 'Отзыв согласия № 3 от 05.10.2026',
  decidedAt: '2026-10-05T12:30:00+03:00',
};

/** Upper bound for an event to arrive; a test that waits this long fails, it never passes by waiting. */
const EVENT_TIMEOUT_MS = 30_000;

// Jest ignores testTimeout in a project's config, so the bound is set here. It must
// exceed EVENT_TIMEOUT_MS, so that a missing event fails with its own message.
jest.setTimeout(90_000);

describe('consent-service API', () => {
  let app: INestApplication;
  let baseUrl: string;
  let operatorKey: string;
  let journalKey: string;
  let topicPrefix: string;
  let consumer: EventConsumer<typeof TOPICS.consentState>;
  const published: PublishedState[] = [];

  async function call<Body>(method: string, path: string, options: { key?: string; body?: unknown } = {}): Promise<Reply<Body>> {
    const headers: Record<string, string> = {};
    if (options.key) headers['authorization'] = `Bearer ${options.key}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
    });
    return { status: response.status, body: (await response.json()) as Body };
  }

  const registerDecision = (guardianId: string, body: unknown) =>
    call<ConsentBody & ErrorBody>('POST', `/v1/guardians/${guardianId}/consent-decisions`, { key: operatorKey, body });
  const registerWithdrawal = (guardianId: string, body: unknown) =>
    call<ConsentBody & ErrorBody>('POST', `/v1/guardians/${guardianId}/consent-withdrawals`, { key: operatorKey, body });
  const readConsent = (guardianId: string) => call<ConsentBody>('GET', `/v1/guardians/${guardianId}/consent`, { key: operatorKey });

  /** Resolves with the states published for the guardian once one with the given revision arrived. */
  async function statesUpTo(guardianId: string, revision: number): Promise<PublishedState[]> {
    const deadline = Date.now() + EVENT_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const states = published.filter((state) => state.payload.guardianId === guardianId);
      if (states.some((state) => state.payload.revision === revision)) return states;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no state with revision ${revision} published for ${guardianId} within ${EVENT_TIMEOUT_MS} ms`);
  }

  beforeAll(async () => {
    const infra = testInfra();
    const prefix = uniqueName('consent');
    topicPrefix = `${prefix}.`;
    const config = loadConsentConfig({
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      MONGO_URL: infra.mongoUrl,
      MONGO_DB_PREFIX: `${prefix}-`,
      LOG_LEVEL: 'warn',
    });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.register(config)] }).compile();
    app = moduleRef.createNestApplication({ bufferLogs: true });
    app.useLogger(app.get(Logger));
    const port = await freePort();
    await app.listen(port, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${port}`;

    const keys = app.get(ApiKeyRepository);
    operatorKey = (await keys.issue('operator', 'Канцелярия школы № 17')).apiKey;
    journalKey = (await keys.issue('journal', 'Электронный журнал школы № 17')).apiKey;

    consumer = app.get(KafkaGateway).createConsumer({
      topic: TOPICS.consentState,
      groupId: uniqueName('consent-reader'),
      handle: async (envelope, meta) => {
        published.push({ key: meta.key, payload: envelope.payload });
      },
    });
    await consumer.start();
  }, 90_000);

  afterAll(async () => {
    await consumer?.stop();
    await app?.get<Connection>(getConnectionToken()).dropDatabase();
    await app?.close();
  });

  it('rejects a request without an API key', async () => {
    const reply = await call<ErrorBody>('GET', '/v1/guardians/g-1/consent');

    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('API_KEY_MISSING');
  });

  it('forbids registration with a journal key', async () => {
    const reply = await call<ErrorBody>('POST', '/v1/guardians/g-1/consent-decisions', { key: journalKey, body: grant });

    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('ROLE_FORBIDDEN');
  });

  it('forbids reading with a journal key', async () => {
    const reply = await call<ErrorBody>('GET', '/v1/guardians/g-1/consent', { key: journalKey });

    expect(reply.status).toBe(403);
  });

  it('lists every invalid field in Russian', async () => {
    const guardianId = uniqueName('guardian');

    const reply = await registerDecision(guardianId, {
      personalDataProcessing: 'yes',
      registeredBy: '',
      form: 'fax',
      documentReference: 'Заявление № 15',
      decidedAt: '01.09.2026',
    });

    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('VALIDATION_FAILED');
    expect(reply.body.error.details.map((detail) => detail.field)).toEqual([
      'personalDataProcessing',
      'registeredBy',
      'form',
      'decidedAt',
    ]);
    for (const detail of reply.body.error.details) expect(detail.message).toMatch(/[А-Яа-яЁё]/);
  });

  it('requires at least one decision', async () => {
    const { personalDataProcessing: _pdp, electronicInformation: _ei, ...withoutDecisions } = grant;
    void _pdp;
    void _ei;

    const reply = await registerDecision(uniqueName('guardian'), withoutDecisions);

    expect(reply.status).toBe(422);
    expect(reply.body.error.details.map((detail) => detail.code)).toEqual(['DECISION_REQUIRED']);
  });

  it('rejects a line break and records nothing', async () => {
    const guardianId = uniqueName('guardian');

    const reply = await registerDecision(guardianId, { ...grant, documentReference: 'Заявление № 15\r\nBcc: x@example.org' });
    const after = await readConsent(guardianId);

    expect(reply.status).toBe(422);
    expect(reply.body.error.details).toEqual([expect.objectContaining({ field: 'documentReference', code: 'LINE_BREAK_NOT_ALLOWED' })]);
    expect(after.body.revision).toBe(0);
  });

  it('reports nothing given for an unknown guardian', async () => {
    const guardianId = uniqueName('guardian');

    const reply = await readConsent(guardianId);

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      guardianId,
      personalDataProcessing: 'not-given',
      electronicInformation: 'not-given',
      revision: 0,
      updatedAt: null,
      history: [],
    });
  });

  it('keeps the history in order after grant and withdrawal', async () => {
    const guardianId = uniqueName('guardian');

    const granted = await registerDecision(guardianId, grant);
    const withdrawn = await registerWithdrawal(guardianId, withdrawal);
    const current = await readConsent(guardianId);

    expect(granted.status).toBe(201);
    expect(withdrawn.status).toBe(201);
    expect(current.body.personalDataProcessing).toBe('refused');
    expect(current.body.electronicInformation).toBe('refused');
    expect(current.body.revision).toBe(2);
    expect(current.body.history.map((entry) => [entry.sequence, entry.kind])).toEqual([
      [1, 'decision'],
      [2, 'withdrawal'],
    ]);
    expect(current.body.history[0]).toMatchObject({
      personalDataProcessing: 'granted',
      electronicInformation: 'granted',
      registeredBy: 'Секретарь Орлова',
      form: 'paper-application',
      documentReference: 'Заявление № 15 от 01.09.2026',
      decidedAt: '2026-09-01T10:00:00+03:00',
    });
    expect(current.body.history[1]).toMatchObject({
      scope: 'personal-data-processing',
      form: 'electronic-document',
      documentReference: 'Отзыв согласия № 3 от 05.10.2026',
    });
    expect(current.body.history[1]?.apiKeyId).toEqual(expect.any(String));
  });

  it('publishes the latest state keyed by guardian', async () => {
    const guardianId = uniqueName('guardian');

    await registerDecision(guardianId, grant);
    await registerWithdrawal(guardianId, withdrawal);
    const states = await statesUpTo(guardianId, 2);
    const latest = states.at(-1);

    expect(states.map((state) => state.payload.revision)).toEqual([1, 2]);
    expect(states.every((state) => state.key === guardianId)).toBe(true);
    expect(latest?.payload.personalDataProcessing).toBe('refused');
    expect(latest?.payload.electronicInformation).toBe('refused');
    expect(states[0]?.payload.electronicInformation).toBe('granted');
  });

  it('publishes to a compacted topic', async () => {
    const admin = app.get<Kafka>(KAFKA_CLIENT).admin();
    await admin.connect();
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topicPrefix + TOPICS.consentState, configNames: ['cleanup.policy'] }],
    });
    await admin.disconnect();

    const policy = described.resources[0]?.configEntries.find((entry) => entry.configName === 'cleanup.policy');
    expect(policy?.configValue).toBe('compact');
  });

  it('records and publishes a repeated request once', async () => {
    const guardianId = uniqueName('guardian');

    const first = await registerDecision(guardianId, grant);
    const repeated = await registerDecision(guardianId, { ...grant, decidedAt: '2026-09-01T07:00:00Z', registeredBy: 'Завуч' });
    // A later, different registration marks the end: the outbox publishes a guardian's
    // events in order, so a state published for the repeat would arrive before it.
    const marker = await registerDecision(guardianId, { ...grant, electronicInformation: 'refused', documentReference: 'Заявление № 21' });
    const states = await statesUpTo(guardianId, 2);
    const current = await readConsent(guardianId);

    expect(first.status).toBe(201);
    expect(repeated.status).toBe(200);
    expect(repeated.body.revision).toBe(1);
    expect(marker.status).toBe(201);
    expect(current.body.history).toHaveLength(2);
    expect(states.map((state) => state.payload.revision)).toEqual([1, 2]);
  });

  it('records identical concurrent requests once', async () => {
    const guardianId = uniqueName('guardian');

    const replies = await Promise.all([1, 2, 3, 4].map(() => registerDecision(guardianId, grant)));
    const current = await readConsent(guardianId);

    expect(replies.map((reply) => reply.status).sort()).toEqual([200, 200, 200, 201]);
    expect(current.body.history).toHaveLength(1);
    expect(current.body.revision).toBe(1);
  });

  it('records different concurrent requests each once', async () => {
    const guardianId = uniqueName('guardian');
    const documents = ['Заявление № 1', 'Заявление № 2', 'Заявление № 3', 'Заявление № 4'];

    const replies = await Promise.all(
      documents.map((documentReference) => registerDecision(guardianId, { ...grant, documentReference })),
    );
    const current = await readConsent(guardianId);

    expect(replies.map((reply) => reply.status)).toEqual([201, 201, 201, 201]);
    expect(current.body.history.map((entry) => entry.sequence)).toEqual([1, 2, 3, 4]);
    expect(current.body.history.map((entry) => entry.documentReference).sort()).toEqual(documents);
  });
});
