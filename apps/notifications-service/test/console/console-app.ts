import type { INestApplication } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { TOPICS } from '@ediary/contracts';
import { KafkaGateway } from '@ediary/kafka';
import { uniqueName } from '@ediary/testing';
import { randomBytes } from 'node:crypto';
import { AppModule } from '../../src/app.module';
import { ConsoleAuthService } from '../../src/console/console-auth.service';
import { DeadlineRepository } from '../../src/deadlines/deadline.repository';
import { NotificationRepository, type NewNotification } from '../../src/dispatch/notification.repository';
import type { Notification } from '../../src/dispatch/notification.schema';
import { loadNotificationsConfig, type NotificationsConfig } from '../../src/notifications.config';
import { GuardianRepository } from '../../src/read-model/guardian.repository';
import { notificationsTestEnv } from '../notifications-harness';

export interface ConsoleUnderTest {
  baseUrl: string;
  config: NotificationsConfig;
  moduleRef: TestingModule;
  /** Creates an operator with a random password and returns both. */
  createOperator(): Promise<{ login: string; password: string }>;
  notifications: NotificationRepository;
  deadlines: DeadlineRepository;
  guardians: GuardianRepository;
  /** Creates a notification as the dispatcher would; `status` defaults to queued. */
  seedNotification(input: Partial<NewNotification> & Pick<NewNotification, 'guardianId' | 'channel' | 'kind' | 'templateData'>): Promise<Notification>;
  close(): Promise<void>;
}

/**
 * Runs notifications-service in this process, console, paper and metrics included,
 * on the shared servers with a database, topic prefix and queues of its own.
 */
export async function startConsoleApp(overrides: Record<string, string> = {}): Promise<ConsoleUnderTest> {
  const prefix = uniqueName('console');
  const config = loadNotificationsConfig({ ...notificationsTestEnv(prefix), DEFAULT_TIME_ZONE: 'UTC', ...overrides });

  const moduleRef = await Test.createTestingModule({
    // AppModule brings the console, paper and metrics modules with it.
    imports: [AppModule.register(config)],
  }).compile();
  await moduleRef.get(KafkaGateway).ensureTopics(Object.values(TOPICS));

  const app: INestApplication = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');

  const notifications = moduleRef.get(NotificationRepository, { strict: false });
  let sequence = 0;

  return {
    baseUrl,
    config,
    moduleRef,
    notifications,
    deadlines: moduleRef.get(DeadlineRepository, { strict: false }),
    guardians: moduleRef.get(GuardianRepository, { strict: false }),
    createOperator: async () => {
      sequence += 1;
      const login = `operator${sequence}-${randomBytes(3).toString('hex')}`;
      const password = randomBytes(12).toString('base64url');
      await moduleRef.get(ConsoleAuthService, { strict: false }).createOperator(login, password);
      return { login, password };
    },
    seedNotification: async (input) => {
      sequence += 1;
      const created = await notifications.createOnce({
        dedupeKey: `seed-${sequence}-${randomBytes(4).toString('hex')}`,
        schoolId: 'school-1',
        studentIds: [],
        recipient: null,
        status: 'queued',
        ...input,
      });
      return created.notification;
    },
    close: () => app.close(),
  };
}
