import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { NotificationsDataModule } from '../console/notifications-data.module';
import { Notification, NotificationSchema } from '../dispatch/notification.schema';
import type { NotificationsConfig } from '../notifications.config';
import { NotificationCountsRepository } from './notification-counts.repository';
import { NotificationsMetricsService } from './notifications-metrics.service';

/**
 * Queue depth, notification status and deadline gauges of notifications-service. Needs
 * MetricsModule.forService(...) from @ediary/metrics, which provides the Registry and /metrics.
 */
@Module({})
export class NotificationsMetricsModule {
  static register(config: NotificationsConfig): DynamicModule {
    return {
      module: NotificationsMetricsModule,
      imports: [
        NotificationsDataModule.register(config),
        MongooseModule.forFeature([{ name: Notification.name, schema: NotificationSchema }]),
      ],
      providers: [NotificationCountsRepository, NotificationsMetricsService],
    };
  }
}
