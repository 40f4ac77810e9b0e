import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { HealthModule } from '@ediary/health';
import { HttpApiModule } from '@ediary/http-api';
import { KafkaHealthCheck, KafkaModule } from '@ediary/kafka';
import { loggingModule } from '@ediary/logging';
import { MetricsModule } from '@ediary/metrics';
import { MongoHealthCheck, MongoModule } from '@ediary/mongo';
import { loadConsoleConfig } from './console/console.config';
import { ConsoleModule } from './console/console.module';
import { NotificationsMetricsModule } from './metrics/notifications-metrics.module';
import { DeadlineItem, DeadlineItemSchema } from './deadlines/deadline-item.schema';
import { DeadlineRepository } from './deadlines/deadline.repository';
import { DeadlineService } from './deadlines/deadline.service';
import { DeliveryQueues } from './delivery/delivery-queues';
import { DeliveryProcessor } from './delivery/delivery.processor';
import { DeliveryService } from './delivery/delivery.service';
import { EmailSender } from './delivery/email.sender';
import { MessageRenderer } from './delivery/message-renderer';
import { SmsSender } from './delivery/sms.sender';
import { SmsStatusReportRepository } from './delivery/sms-status-report.repository';
import { SmsStatusReportRecord, SmsStatusReportSchema } from './delivery/sms-status-report.schema';
import { TwilioStatusController } from './delivery/twilio-status.controller';
import { DigestItem, DigestItemSchema } from './digest/digest-item.schema';
import { DigestRepository } from './digest/digest.repository';
import { DigestScheduler } from './digest/digest.scheduler';
import { DigestService } from './digest/digest.service';
import { DispatchService } from './dispatch/dispatch.service';
import { JournalConsumer } from './dispatch/journal.consumer';
import { NotificationRepository } from './dispatch/notification.repository';
import { Notification, NotificationSchema } from './dispatch/notification.schema';
import { SchoolDirectory } from './dispatch/school-directory';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from './notifications.config';
import { OperatorController } from './operator.controller';
import {
  GuardianConsent,
  GuardianConsentSchema,
  GuardianContacts,
  GuardianContactsSchema,
  UnsubscribedPhone,
  UnsubscribedPhoneSchema,
} from './read-model/guardian.schema';
import { GuardianRepository } from './read-model/guardian.repository';
import { ReadModelConsumer } from './read-model/read-model.consumer';
import { RedisHealthCheck, RedisModule } from './redis/redis.module';

@Module({})
export class AppModule {
  static register(config: NotificationsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        loggingModule({ service: config.service, level: config.logLevel }),
        KafkaModule.forRoot(config.kafka),
        MongoModule.forRoot(config.mongo),
        MongooseModule.forFeature([
          { name: GuardianContacts.name, schema: GuardianContactsSchema },
          { name: GuardianConsent.name, schema: GuardianConsentSchema },
          { name: UnsubscribedPhone.name, schema: UnsubscribedPhoneSchema },
          { name: Notification.name, schema: NotificationSchema },
          { name: DeadlineItem.name, schema: DeadlineItemSchema },
          { name: DigestItem.name, schema: DigestItemSchema },
          { name: SmsStatusReportRecord.name, schema: SmsStatusReportSchema },
        ]),
        RedisModule.forRoot(config.redis),
        HttpApiModule,
        HealthModule.forChecks([KafkaHealthCheck, MongoHealthCheck, RedisHealthCheck]),
        MetricsModule.forService(config.service),
        NotificationsMetricsModule.register(config),
        ConsoleModule.register(config, loadConsoleConfig()),
      ],
      controllers: [OperatorController, TwilioStatusController],
      providers: [
        { provide: NOTIFICATIONS_CONFIG, useValue: config },
        GuardianRepository,
        NotificationRepository,
        DeadlineRepository,
        DigestRepository,
        SchoolDirectory,
        DispatchService,
        DigestService,
        DigestScheduler,
        DeadlineService,
        DeliveryQueues,
        MessageRenderer,
        EmailSender,
        SmsSender,
        SmsStatusReportRepository,
        DeliveryService,
        DeliveryProcessor,
        ReadModelConsumer,
        JournalConsumer,
      ],
    };
  }
}
