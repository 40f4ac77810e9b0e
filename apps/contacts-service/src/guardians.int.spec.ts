import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Test } from '@nestjs/testing';
import { TOPICS, type ContactsState } from '@ediary/contracts';
import { ApiKeyRepository } from '@ediary/http-api';
import { KAFKA_CLIENT, KafkaGateway, type EventConsumer } from '@ediary/kafka';
import { freePort, testInfra, uniqueName } from '@ediary/testing';
import { ConfigResourceTypes, type Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { loadContactsConfig } from './contacts.config';

interface GuardianBody {
  guardianId: string;
  schoolId: string;
  fullName: string;
  students: { studentId: string; classId: string; fullName: string }[];
  email?: { address: string; source: string };
  phone?: { number: string; source: string };
  channels: string[];
  revision: number;
  updatedAt: string;
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
  payload: ContactsState;
}

/** Upper bound for an event to arrive; a test that waits this long fails, it never passes by waiting. */
const EVENT_TIMEOUT_MS = 30_000;

// Jest ignores testTimeout in a project's config, so the bound is set here. It must
// exceed EVENT_TIMEOUT_MS, so that a missing event fails with its own message.
jest.setTimeout(90_000);

function guardianBody(guardianId: string, classId = '7а') {
  return {
    guardianId,
    schoolId: 'school-17',
    fullName: 'Иванова Мария Петровна',
    students: [{ studentId: `${guardianId}-s1`, classId, fullName: 'Иванов Пётр' }],
    email: { address: 'ivanova@example.ru', source: 'written-application' },
    phone: { number: '8 (921) 123-45-67', source: 'entered-by-guardian' },
    channels: ['email', 'sms'],
  };
}

describe('contacts-service API', () => {
  let app: INestApplication;
  let baseUrl: string;
  let operatorKey: string;
  let journalKey: string;
  let topicPrefix: string;
  let consumer: EventConsumer<typeof TOPICS.contactsState>;
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

  const create = (body: unknown) => call<GuardianBody & ErrorBody>('POST', '/v1/guardians', { key: operatorKey, body });
  const replace = (guardianId: string, body: unknown) =>
    call<GuardianBody & ErrorBody>('PUT', `/v1/guardians/${encodeURIComponent(guardianId)}`, { key: operatorKey, body });
  const read = (guardianId: string) =>
    call<GuardianBody & ErrorBody>('GET', `/v1/guardians/${encodeURIComponent(guardianId)}`, { key: operatorKey });

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
    const prefix = uniqueName('contacts');
    topicPrefix = `${prefix}.`;
    const config = loadContactsConfig({
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
      topic: TOPICS.contactsState,
      groupId: uniqueName('contacts-reader'),
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
    const reply = await call<ErrorBody>('GET', '/v1/guardians/g-1');

    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('API_KEY_MISSING');
  });

  it('forbids creation with a journal key', async () => {
    const reply = await call<ErrorBody>('POST', '/v1/guardians', { key: journalKey, body: guardianBody(uniqueName('guardian')) });

    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('ROLE_FORBIDDEN');
  });

  it('forbids listing with a journal key', async () => {
    const reply = await call<ErrorBody>('GET', '/v1/guardians?classId=7а', { key: journalKey });

    expect(reply.status).toBe(403);
  });

  it('lists every invalid field in Russian', async () => {
    const body = {
      ...guardianBody(uniqueName('guardian')),
      fullName: '',
      phone: { number: '921-123-45-67', source: 'entered-by-guardian' },
      email: { address: 'ivanova@', source: 'written-application' },
      channels: ['email', 'pigeon'],
    };

    const reply = await create(body);

    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('VALIDATION_FAILED');
    expect(reply.body.error.details.map((detail) => detail.field)).toEqual([
      'fullName',
      'email.address',
      'phone.number',
      'channels[1]',
    ]);
    expect(reply.body.error.details.find((detail) => detail.field === 'phone.number')?.message).toBe(
      'Укажите номер в формате +7 921 123-45-67',
    );
    for (const detail of reply.body.error.details) expect(detail.message).toMatch(/[А-Яа-яЁё]/);
  });

  it('rejects a channel without its contact', async () => {
    const { phone: _phone, ...withoutPhone } = guardianBody(uniqueName('guardian'));
    void _phone;

    const reply = await create(withoutPhone);

    expect(reply.status).toBe(422);
    expect(reply.body.error.details).toEqual([expect.objectContaining({ field: 'channels', code: 'CHANNEL_REQUIRES_PHONE' })]);
  });

  it('rejects a line break and stores nothing', async () => {
    const guardianId = uniqueName('guardian');

    const reply = await create({ ...guardianBody(guardianId), fullName: 'Иванова Мария\r\nBcc: all@example.ru' });
    const after = await read(guardianId);

    expect(reply.status).toBe(422);
    expect(reply.body.error.details).toEqual([expect.objectContaining({ field: 'fullName', code: 'LINE_BREAK_NOT_ALLOWED' })]);
    expect(after.status).toBe(404);
  });

  it('stores and publishes the phone in E.164', async () => {
    const guardianId = uniqueName('guardian');

    const created = await create(guardianBody(guardianId));
    const [state] = await statesUpTo(guardianId, 1);

    expect(created.status).toBe(201);
    expect(created.body.phone).toEqual({ number: '+79211234567', source: 'entered-by-guardian' });
    expect(state?.key).toBe(guardianId);
    expect(state?.payload.phone).toEqual({ e164: '+79211234567', source: 'entered-by-guardian', unsubscribed: false });
    expect(state?.payload.revision).toBe(1);
  });

  it('returns the stored guardian', async () => {
    const guardianId = uniqueName('guardian');
    await create(guardianBody(guardianId));

    const reply = await read(guardianId);

    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      guardianId,
      schoolId: 'school-17',
      fullName: 'Иванова Мария Петровна',
      email: { address: 'ivanova@example.ru', source: 'written-application' },
      channels: ['email', 'sms'],
      revision: 1,
    });
  });

  it('answers 404 for an unknown guardian', async () => {
    const reply = await read(uniqueName('guardian'));

    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('GUARDIAN_NOT_FOUND');
  });

  it('publishes each change once with a growing revision', async () => {
    const guardianId = uniqueName('guardian');
    const original = guardianBody(guardianId);
    const changed = { ...original, fullName: 'Иванова Мария' };

    const created = await create(original);
    const repeatedCreate = await create(original);
    const first = await replace(guardianId, changed);
    const unchanged = await replace(guardianId, { ...changed, phone: { number: '+7 921 123 45 67', source: 'entered-by-guardian' } });
    // A later, different change marks the end: the outbox publishes a guardian's events
    // in order, so a state published for a request without change would arrive before it.
    const marker = await replace(guardianId, { ...changed, channels: ['email'] });
    const states = await statesUpTo(guardianId, 3);

    expect(created.status).toBe(201);
    expect(repeatedCreate.status).toBe(200);
    expect(first.body.revision).toBe(2);
    expect(unchanged.status).toBe(200);
    expect(unchanged.body.revision).toBe(2);
    expect(marker.body.revision).toBe(3);
    expect(states.map((state) => state.payload.revision)).toEqual([1, 2, 3]);
    expect(states.every((state) => state.key === guardianId)).toBe(true);
    expect(states.at(-1)?.payload.channels).toEqual(['email']);
    expect(states.at(-1)?.payload.fullName).toBe('Иванова Мария');
  });

  it('publishes to a compacted topic', async () => {
    const admin = app.get<Kafka>(KAFKA_CLIENT).admin();
    await admin.connect();
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topicPrefix + TOPICS.contactsState, configNames: ['cleanup.policy'] }],
    });
    await admin.disconnect();

    const policy = described.resources[0]?.configEntries.find((entry) => entry.configName === 'cleanup.policy');
    expect(policy?.configValue).toBe('compact');
  });

  it('removes an email that a PUT leaves out', async () => {
    const guardianId = uniqueName('guardian');
    const { email: _email, ...withoutEmail } = guardianBody(guardianId);
    void _email;
    await create(guardianBody(guardianId));

    const replaced = await replace(guardianId, { ...withoutEmail, channels: ['sms'] });
    const stored = await read(guardianId);
    const states = await statesUpTo(guardianId, 2);

    expect(replaced.status).toBe(200);
    expect(stored.body).not.toHaveProperty('email');
    expect(stored.body.phone?.number).toBe('+79211234567');
    expect(states.at(-1)?.payload).not.toHaveProperty('email');
  });

  it('rejects creating an existing guardian with other contacts', async () => {
    const guardianId = uniqueName('guardian');
    await create(guardianBody(guardianId));

    const reply = await create({ ...guardianBody(guardianId), fullName: 'Петрова Анна' });
    const stored = await read(guardianId);

    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('GUARDIAN_ALREADY_EXISTS');
    expect(stored.body.fullName).toBe('Иванова Мария Петровна');
  });

  it('rejects a PUT for an unknown guardian', async () => {
    const guardianId = uniqueName('guardian');

    const reply = await replace(guardianId, guardianBody(guardianId));

    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('GUARDIAN_NOT_FOUND');
  });

  it('rejects a PUT whose body names another guardian', async () => {
    const guardianId = uniqueName('guardian');
    await create(guardianBody(guardianId));

    const reply = await replace(guardianId, guardianBody(`${guardianId}-other`));

    expect(reply.status).toBe(422);
    expect(reply.body.error.details).toEqual([expect.objectContaining({ field: 'guardianId', code: 'GUARDIAN_ID_MISMATCH' })]);
  });

  it('lists the guardians of a class', async () => {
    const classId = uniqueName('class');
    const inClass = [uniqueName('guardian'), uniqueName('guardian')];
    const elsewhere = uniqueName('guardian');
    for (const guardianId of inClass) await create(guardianBody(guardianId, classId));
    await create(guardianBody(elsewhere, `${classId}-other`));

    const reply = await call<{ guardians: GuardianBody[] }>('GET', `/v1/guardians?classId=${encodeURIComponent(classId)}`, {
      key: operatorKey,
    });

    expect(reply.status).toBe(200);
    expect(reply.body.guardians.map((guardian) => guardian.guardianId)).toEqual([...inClass].sort());
  });

  it('filters the class list by school', async () => {
    const classId = uniqueName('class');
    const ours = uniqueName('guardian');
    await create(guardianBody(ours, classId));
    await create({ ...guardianBody(uniqueName('guardian'), classId), schoolId: 'school-18' });

    const reply = await call<{ guardians: GuardianBody[] }>(
      'GET',
      `/v1/guardians?classId=${encodeURIComponent(classId)}&schoolId=school-17`,
      { key: operatorKey },
    );

    expect(reply.body.guardians.map((guardian) => guardian.guardianId)).toEqual([ours]);
  });

  it('requires a class to list', async () => {
    const reply = await call<ErrorBody>('GET', '/v1/guardians', { key: operatorKey });

    expect(reply.status).toBe(422);
    expect(reply.body.error.details.map((detail) => detail.field)).toEqual(['classId']);
  });

  it('applies concurrent changes one after another', async () => {
    const guardianId = uniqueName('guardian');
    await create(guardianBody(guardianId));
    const names = ['Иванова А.', 'Иванова Б.', 'Иванова В.', 'Иванова Г.'];

    const replies = await Promise.all(names.map((fullName) => replace(guardianId, { ...guardianBody(guardianId), fullName })));
    const states = await statesUpTo(guardianId, 5);

    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 200]);
    expect(replies.map((reply) => reply.body.revision).sort()).toEqual([2, 3, 4, 5]);
    expect(states.map((state) => state.payload.revision)).toEqual([1, 2, 3, 4, 5]);
  });
});
