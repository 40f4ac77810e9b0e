// The benchmarks time the real notifications-service code in this process, so they import its providers directly.
import { Redis } from 'ioredis';
import mongoose, { type Connection, type Model } from 'mongoose';
import { SMS_SANDBOX_CREDENTIALS } from '@ediary/local-infra';
import { DeadlineItem, DeadlineItemSchema } from '../../apps/notifications-service/src/deadlines/deadline-item.schema';
import { DeadlineRepository } from '../../apps/notifications-service/src/deadlines/deadline.repository';
import { DeliveryQueues } from '../../apps/notifications-service/src/delivery/delivery-queues';
import { DeliveryProcessor } from '../../apps/notifications-service/src/delivery/delivery.processor';
import { DeliveryService } from '../../apps/notifications-service/src/delivery/delivery.service';
import { EmailSender } from '../../apps/notifications-service/src/delivery/email.sender';
import { MessageRenderer } from '../../apps/notifications-service/src/delivery/message-renderer';
import { SmsSender } from '../../apps/notifications-service/src/delivery/sms.sender';
import { SmsStatusReportRepository } from '../../apps/notifications-service/src/delivery/sms-status-report.repository';
import { SmsStatusReportRecord, SmsStatusReportSchema } from '../../apps/notifications-service/src/delivery/sms-status-report.schema';
import { DigestItem, DigestItemSchema } from '../../apps/notifications-service/src/digest/digest-item.schema';
import { DigestRepository } from '../../apps/notifications-service/src/digest/digest.repository';
import { DigestService } from '../../apps/notifications-service/src/digest/digest.service';
import { DispatchService } from '../../apps/notifications-service/src/dispatch/dispatch.service';
import { NotificationRepository } from '../../apps/notifications-service/src/dispatch/notification.repository';
import { Notification, NotificationSchema } from '../../apps/notifications-service/src/dispatch/notification.schema';
import { SchoolDirectory } from '../../apps/notifications-service/src/dispatch/school-directory';
import { loadNotificationsConfig, type NotificationsConfig } from '../../apps/notifications-service/src/notifications.config';
import {
  GuardianConsent,
  GuardianConsentSchema,
  GuardianContacts,
  GuardianContactsSchema,
  UnsubscribedPhone,
  UnsubscribedPhoneSchema,
} from '../../apps/notifications-service/src/read-model/guardian.schema';
import { GuardianRepository } from '../../apps/notifications-service/src/read-model/guardian.repository';
import { ENDPOINTS } from './environment';

export { renderNotification } from '../../apps/notifications-service/src/templates/notification-templates';
export { notificationIdFor } from '../../apps/notifications-service/src/dispatch/notification.repository';
export { deliveryJobId } from '../../apps/notifications-service/src/delivery/delivery-queues';
export type { NotificationsConfig };
export { loadNotificationsConfig };
export { DeliveryProcessor, DeliveryQueues, DigestService, DispatchService, GuardianRepository };

/** Environment of a notifications-service whose queues, database and topics all carry `prefix`. */
export function serviceEnv(prefix: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    KAFKA_BROKERS: ENDPOINTS.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: `${prefix}.`,
    MONGO_URL: ENDPOINTS.mongoUrl,
    MONGO_DB_PREFIX: `${prefix}-`,
    REDIS_URL: ENDPOINTS.redisUrl,
    QUEUE_PREFIX: prefix,
    SMTP_HOST: ENDPOINTS.smtp.host,
    SMTP_PORT: String(ENDPOINTS.smtp.port),
    TWILIO_ACCOUNT_SID: SMS_SANDBOX_CREDENTIALS.accountSid,
    TWILIO_AUTH_TOKEN: SMS_SANDBOX_CREDENTIALS.authToken,
    TWILIO_API_BASE_URL: ENDPOINTS.smsApiBaseUrl,
    SMS_FROM: '+79990000000',
    SCHOOLS_JSON: JSON.stringify([{ schoolId: 'school-1', name: 'Школа № 1', timeZone: 'UTC' }]),
    // Quiet hours of one minute at 03:00 UTC, so that SMS are almost never deferred.
    QUIET_HOURS_START: '03:00',
    QUIET_HOURS_END: '03:01',
    DIGEST_SCHEDULER: 'off',
    LOG_LEVEL: 'warn',
    ...overrides,
  };
}

/**
 * The notifications-service providers wired by hand over one database and queue prefix,
 * without Nest, so that each benchmark round can build a fresh set cheaply.
 */
export class ServiceContext {
  readonly notifications: NotificationRepository;
  readonly digestItems: DigestRepository;
  readonly guardians: GuardianRepository;
  readonly deadlines: DeadlineRepository;
  readonly statusReports: SmsStatusReportRepository;
  readonly queues: DeliveryQueues;
  readonly dispatch: DispatchService;
  readonly digest: DigestService;
  readonly models: {
    notification: Model<Notification>;
    digestItem: Model<DigestItem>;
    contacts: Model<GuardianContacts>;
    consent: Model<GuardianConsent>;
  };
  private readonly closers: (() => Promise<void> | void)[] = [];

  private constructor(
    readonly prefix: string,
    readonly config: NotificationsConfig,
    readonly connection: Connection,
  ) {
    const notification = connection.model(Notification.name, NotificationSchema);
    const digestItem = connection.model(DigestItem.name, DigestItemSchema);
    const contacts = connection.model(GuardianContacts.name, GuardianContactsSchema);
    const consent = connection.model(GuardianConsent.name, GuardianConsentSchema);
    const unsubscribed = connection.model(UnsubscribedPhone.name, UnsubscribedPhoneSchema);
    const deadlineItem = connection.model(DeadlineItem.name, DeadlineItemSchema);
    this.statusReports = new SmsStatusReportRepository(connection.model(SmsStatusReportRecord.name, SmsStatusReportSchema));
    this.models = { notification, digestItem, contacts, consent };

    this.notifications = new NotificationRepository(notification);
    this.digestItems = new DigestRepository(digestItem);
    this.guardians = new GuardianRepository(contacts, consent, unsubscribed);
    this.deadlines = new DeadlineRepository(deadlineItem);
    this.queues = new DeliveryQueues(config);
    this.closers.push(() => this.queues.onApplicationShutdown());
    const schools = new SchoolDirectory(config);
    this.dispatch = new DispatchService(config, this.guardians, this.notifications, this.deadlines, this.digestItems, this.queues, schools);
    this.digest = new DigestService(this.digestItems, this.guardians, this.dispatch, schools);
  }

  /** Connects to the store and creates every index the service's schemas declare. */
  static async open(prefix: string, overrides: Record<string, string> = {}): Promise<ServiceContext> {
    const config = loadNotificationsConfig(serviceEnv(prefix, overrides));
    const connection = await mongoose.createConnection(config.mongo.url, { dbName: config.mongo.dbName, autoIndex: false }).asPromise();
    const context = new ServiceContext(prefix, config, connection);
    await Promise.all(Object.values(connection.models).map((model) => model.createIndexes()));
    return context;
  }

  /** Starts the real BullMQ delivery workers of the service on this context's queues. */
  startDeliveryWorkers(): DeliveryProcessor {
    const renderer = new MessageRenderer(this.config);
    const email = new EmailSender(this.config);
    const sms = new SmsSender(this.config);
    const delivery = new DeliveryService(this.config, this.notifications, this.deadlines, this.guardians, renderer, email, sms, this.queues, this.statusReports);
    const processor = new DeliveryProcessor(this.config, delivery);
    processor.onModuleInit();
    this.closers.push(async () => {
      await processor.onModuleDestroy();
      email.onModuleDestroy();
      await sms.onModuleDestroy();
    });
    return processor;
  }

  /**
   * Wraps the repository and queue methods that the dispatcher calls, so that each call adds
   * its wall time to `spent` under "object.method". Calls overlap when consumers run in
   * parallel, so the totals may exceed the stage's own time.
   */
  measureCalls(spent: Map<string, number>): void {
    const targets: [string, object, string[]][] = [
      ['guardians', this.guardians, ['findByStudents', 'findByIds']],
      ['deadlines', this.deadlines, ['createMany']],
      ['notifications', this.notifications, ['createMany']],
      ['digestItems', this.digestItems, ['addMany', 'allWaiting', 'assign']],
      ['queues', this.queues, ['enqueueMany']],
    ];
    for (const [objectName, target, methods] of targets) {
      const record = target as Record<string, unknown>;
      for (const method of methods) {
        const original = record[method];
        if (typeof original !== 'function') continue;
        const label = `${objectName}.${method}`;
        record[method] = async (...args: unknown[]) => {
          const started = process.hrtime.bigint();
          try {
            return await (original as (...callArgs: unknown[]) => Promise<unknown>).apply(target, args);
          } finally {
            spent.set(label, (spent.get(label) ?? 0) + Number(process.hrtime.bigint() - started) / 1e9);
          }
        };
      }
    }
  }

  /** Closes every connection and deletes the database and queues of this context. */
  async dispose(): Promise<void> {
    for (const close of this.closers.reverse()) await close();
    await this.connection.dropDatabase();
    await this.connection.close();
    await deleteQueueKeys(this.config.redis.url, this.prefix);
  }
}

/** Deletes every Redis key under a BullMQ prefix, in batches of SCAN. */
export async function deleteQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}
