import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DeadlineItem, DeadlineItemSchema } from '../deadlines/deadline-item.schema';
import { DeadlineRepository } from '../deadlines/deadline.repository';
import { DeadlineService } from '../deadlines/deadline.service';
import { DeliveryQueues } from '../delivery/delivery-queues';
import { NotificationRepository } from '../dispatch/notification.repository';
import { Notification, NotificationSchema } from '../dispatch/notification.schema';
import { SchoolDirectory } from '../dispatch/school-directory';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../notifications.config';
import {
  GuardianConsent,
  GuardianConsentSchema,
  GuardianContacts,
  GuardianContactsSchema,
  UnsubscribedPhone,
  UnsubscribedPhoneSchema,
} from '../read-model/guardian.schema';
import { GuardianRepository } from '../read-model/guardian.repository';

const EXPORTED = [
  NOTIFICATIONS_CONFIG,
  NotificationRepository,
  DeadlineRepository,
  DeadlineService,
  GuardianRepository,
  SchoolDirectory,
  DeliveryQueues,
];

/**
 * The notifications-service repositories and queues that the console, the paper extracts and
 * the metrics read. AppModule does not export its providers, so this module provides its own
 * instances over the same connection and the same queue names.
 * NOTE: DeliveryQueues is therefore instantiated twice (two more BullMQ Queue clients);
 * exporting it from AppModule would remove the copy.
 */
@Module({})
export class NotificationsDataModule {
  static register(config: NotificationsConfig): DynamicModule {
    return {
      module: NotificationsDataModule,
      imports: [
        MongooseModule.forFeature([
          { name: GuardianContacts.name, schema: GuardianContactsSchema },
          { name: GuardianConsent.name, schema: GuardianConsentSchema },
          { name: UnsubscribedPhone.name, schema: UnsubscribedPhoneSchema },
          { name: Notification.name, schema: NotificationSchema },
          { name: DeadlineItem.name, schema: DeadlineItemSchema },
        ]),
      ],
      providers: [
        { provide: NOTIFICATIONS_CONFIG, useValue: config },
        NotificationRepository,
        DeadlineRepository,
        DeadlineService,
        GuardianRepository,
        SchoolDirectory,
        DeliveryQueues,
      ],
      exports: EXPORTED,
    };
  }
}
