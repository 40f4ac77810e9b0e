import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Channel } from '@ediary/contracts';
import type { Model } from 'mongoose';
import { Notification, type DeliveryStatus } from '../dispatch/notification.schema';

export interface ChannelStatusCount {
  channel: Channel;
  status: DeliveryStatus;
  count: number;
}

/** Counts of notifications for the metrics scrape. */
@Injectable()
export class NotificationCountsRepository {
  constructor(@InjectModel(Notification.name) private readonly notifications: Model<Notification>) {}

  /** Number of notifications in each channel and status; uses the { channel, status } index. */
  async countByChannelAndStatus(): Promise<ChannelStatusCount[]> {
    const groups = await this.notifications.aggregate<{ _id: { channel: Channel; status: DeliveryStatus }; count: number }>([
      { $group: { _id: { channel: '$channel', status: '$status' }, count: { $sum: 1 } } },
    ]);
    return groups.map((group) => ({ channel: group._id.channel, status: group._id.status, count: group.count }));
  }
}
