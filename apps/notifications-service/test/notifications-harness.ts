import { Test, type TestingModule } from '@nestjs/testing';
import { TOPICS, type ConsentState, type ContactsState, type TopicName, type TopicPayloadInput } from '@ediary/contracts';
import { ApiKeyRepository, ApiKeySchema } from '@ediary/http-api';
import { EventPublisher, KafkaGateway, KafkaModule } from '@ediary/kafka';
import { freePort, startServiceProcess, testInfra, uniqueName, type ServiceProcess } from '@ediary/testing';
import mongoose from 'mongoose';
import { randomInt } from 'node:crypto';

/** Local clock time HH:MM in UTC, shifted by the given minutes from now. */
export function utcClock(offsetMinutes: number): string {
  const at = new Date(Date.now() + offsetMinutes * 60_000);
  return `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
}

/** Returns a Russian mobile number that no other test uses. */
export function uniquePhone(): string {
  return `+7921${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
}

/**
 * Returns the environment of a notifications-service under test: the shared servers with the
 * given prefix for topics, databases and queues, a school on UTC, quiet hours away from now,
 * the digest scheduler off and short retry backoff.
 */
export function notificationsTestEnv(prefix: string): Record<string, string> {
  const infra = testInfra();
  return {
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: `${prefix}.`,
    MONGO_URL: infra.mongoUrl,
    MONGO_DB_PREFIX: `${prefix}-`,
    REDIS_URL: infra.redisUrl,
    QUEUE_PREFIX: prefix,
    SMTP_HOST: infra.smtp.host,
    SMTP_PORT: String(infra.smtp.port),
    TWILIO_ACCOUNT_SID: infra.smsCredentials.accountSid,
    TWILIO_AUTH_TOKEN: infra.smsCredentials.authToken,
    TWILIO_API_BASE_URL: infra.smsApiBaseUrl,
    SMS_FROM: '+79990000000',
    SCHOOLS_JSON: JSON.stringify([{ schoolId: 'school-1', name: 'Школа № 1', timeZone: 'UTC' }]),
    QUIET_HOURS_START: utcClock(180),
    QUIET_HOURS_END: utcClock(240),
    DIGEST_SCHEDULER: 'off',
    DELIVERY_BACKOFF_MS: '200',
    LOG_LEVEL: 'warn',
  };
}

export interface NotificationsUnderTest {
  prefix: string;
  env: Record<string, string>;
  service: ServiceProcess;
  apiKey: string;
  publisher: EventPublisher;
  /** Kafka access with the same topic prefix, e.g. to read the dead-letter topic. */
  gateway: KafkaGateway;
  publish<Name extends TopicName>(topic: Name, payload: TopicPayloadInput<Name>, key: string): Promise<void>;
  /** GET on the operator API with the operator key. */
  get<T>(path: string): Promise<T>;
  post<T>(path: string): Promise<T>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts notifications-service in a process of its own against the shared servers, with
 * its own topic prefix, database and queues, plus a publisher that plays the other services.
 * The school runs on UTC and quiet hours lie outside the test unless overridden.
 */
export async function startNotifications(overrides: Record<string, string> = {}): Promise<NotificationsUnderTest> {
  const infra = testInfra();
  const prefix = uniqueName('notify');
  const port = await freePort();
  const env = { ...notificationsTestEnv(prefix), PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, ...overrides };

  const keys = await mongoose.createConnection(infra.mongoUrl, { dbName: `${prefix}-notifications` }).asPromise();
  const apiKey = (await new ApiKeyRepository(keys.model('ApiKey', ApiKeySchema)).issue('operator', 'tests')).apiKey;
  await keys.close();

  let service = await startServiceProcess('notifications-service', env, { port });
  const moduleRef: TestingModule = await Test.createTestingModule({
    imports: [KafkaModule.forRoot({ brokers: infra.kafkaBrokers, clientId: 'grades-service', topicPrefix: `${prefix}.` })],
  }).compile();
  await moduleRef.init();
  const publisher = moduleRef.get(EventPublisher);
  const gateway = moduleRef.get(KafkaGateway);
  await gateway.ensureTopics(Object.values(TOPICS));

  const request = async <T>(method: string, path: string): Promise<T> => {
    const response = await fetch(`${service.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${apiKey}` } });
    if (!response.ok) throw new Error(`${method} ${path} returned ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };

  return {
    prefix,
    env,
    get service() {
      return service;
    },
    apiKey,
    publisher,
    gateway,
    publish: async (topic, payload, key) => {
      await publisher.publish(topic, payload, { key });
    },
    get: (path) => request('GET', path),
    post: (path) => request('POST', path),
    restart: async () => {
      await service.stop();
      service = await startServiceProcess('notifications-service', env, { port });
    },
    stop: async () => {
      await service.stop();
      await moduleRef.close();
    },
  };
}

export interface GuardianFixture {
  guardianId: string;
  fullName: string;
  email?: string;
  phone?: string;
  channels: ('email' | 'sms' | 'paper')[];
  students: { studentId: string; classId: string; fullName: string }[];
  consent: 'granted' | 'refused' | 'not-given';
}

/** Publishes a guardian's contacts and consent as the contacts and consent services would. */
export async function publishGuardian(harness: NotificationsUnderTest, guardian: GuardianFixture): Promise<void> {
  const contacts: TopicPayloadInput<typeof TOPICS.contactsState> = {
    guardianId: guardian.guardianId,
    schoolId: 'school-1',
    fullName: guardian.fullName,
    students: guardian.students,
    channels: guardian.channels,
    revision: 1,
    updatedAt: new Date().toISOString(),
    ...(guardian.email && { email: { address: guardian.email, source: 'written-application' as const } }),
    ...(guardian.phone && { phone: { e164: guardian.phone, source: 'written-application' as const, unsubscribed: false } }),
  };
  const consent: ConsentState = {
    guardianId: guardian.guardianId,
    personalDataProcessing: guardian.consent,
    electronicInformation: guardian.consent,
    revision: 1,
    updatedAt: new Date().toISOString(),
  };
  await harness.publish(TOPICS.contactsState, contacts, guardian.guardianId);
  await harness.publish(TOPICS.consentState, consent, guardian.guardianId);
}

/** Waits until the service's read model holds both halves of each guardian. */
export async function waitForGuardians(harness: NotificationsUnderTest, guardianIds: string[]): Promise<void> {
  for (const guardianId of guardianIds) {
    await eventually(`guardian ${guardianId} in the read model`, async () => {
      const view = await harness.get<{ contactsRevision: number; consentRevision: number }>(`/v1/guardians/${guardianId}`);
      return view.contactsRevision >= 0 && view.consentRevision >= 0 ? view : undefined;
    });
  }
}

export type { ContactsState };

/** Polls until check returns a value other than undefined, or fails naming what it waited for. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}${lastError instanceof Error ? `: ${lastError.message}` : ''}`);
}

export interface LogEntry {
  notificationId: string;
  guardianId: string;
  kind: string;
  channel: string;
  status: string;
  statusReason: string | null;
  attempts: number;
  history: { status: string; at: string; reason: string | null }[];
  deadlineItemId: string | null;
}

export interface DeadlineEntry {
  itemId: string;
  kind: string;
  guardianId: string;
  state: string;
  arrivedLate: boolean;
  deliveredVia: string | null;
}

export async function deliveryLog(harness: NotificationsUnderTest, guardianId: string): Promise<LogEntry[]> {
  return (await harness.get<{ notifications: LogEntry[] }>(`/v1/notifications?guardianId=${guardianId}`)).notifications;
}

export async function deadlinesOf(harness: NotificationsUnderTest, guardianId: string): Promise<DeadlineEntry[]> {
  return (await harness.get<{ items: DeadlineEntry[] }>(`/v1/deadlines?guardianId=${guardianId}`)).items;
}
