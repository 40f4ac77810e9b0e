import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { Notification } from '../dispatch/notification.schema';

/** History reason of an operator's retry; the count of these entries numbers the retry rounds. */
export const OPERATOR_RETRY_REASON = 'operator-retry';
export const OPERATOR_DISCARD_REASON = 'operator-discarded';

/**
 * The console's writes and searches on notifications that NotificationRepository does not
 * offer: reopening and discarding failed deliveries and the search by student.
 */
@Injectable()
export class ConsoleDeliveryRepository {
  constructor(@InjectModel(Notification.name) private readonly notifications: Model<Notification>) {}

  /** Failed email and SMS deliveries, newest first. */
  findFailed(limit: number): Promise<Notification[]> {
    return this.notifications
      .find({ channel: { $in: ['email', 'sms'] }, status: 'failed' })
      .sort({ updatedAt: -1 })
      .limit(limit)
      .lean();
  }

  /**
   * Moves a failed delivery back to queued with an operator-retry history entry. Returns the
   * notification, or null when it is no longer failed (another operator acted first).
   */
  reopen(notificationId: string): Promise<Notification | null> {
    return this.notifications
      .findOneAndUpdate(
        { notificationId, status: 'failed' },
        {
          $set: { status: 'queued', statusReason: null },
          $push: { history: { status: 'queued', at: new Date(), reason: OPERATOR_RETRY_REASON } },
        },
        { new: true },
      )
      .lean();
  }

  /** Closes a failed delivery as skipped on the operator's decision, so it leaves the failed list. */
  discard(notificationId: string): Promise<Notification | null> {
    return this.notifications
      .findOneAndUpdate(
        { notificationId, status: 'failed' },
        {
          $set: { status: 'skipped', statusReason: OPERATOR_DISCARD_REASON },
          $push: { history: { status: 'skipped', at: new Date(), reason: OPERATOR_DISCARD_REASON } },
        },
        { new: true },
      )
      .lean();
  }

  /**
   * Notifications about one student, oldest first.
   * NOTE: the notifications schema has no index on studentIds, so this scans the collection.
   */
  findForStudent(studentId: string, limit: number): Promise<Notification[]> {
    return this.notifications.find({ studentIds: studentId }).sort({ createdAt: 1 }).limit(limit).lean();
  }
}
