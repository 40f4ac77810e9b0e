import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Channel } from '@ediary/contracts';
import { createHash } from 'node:crypto';
import { insertNew } from '@ediary/mongo';
import type { Model } from 'mongoose';
import { Notification, type DeliveryStatus, type NotificationKind } from './notification.schema';

const DUPLICATE_KEY = 11000;

/**
 * From which states each state may be entered. A late "sent" callback therefore never
 * overwrites "delivered", and nothing reopens a failed or handed-over notification.
 */
const ALLOWED_FROM: Record<DeliveryStatus, DeliveryStatus[]> = {
  queued: ['retrying'],
  sent: ['queued', 'retrying'],
  delivered: ['queued', 'sent', 'retrying'],
  retrying: ['queued', 'sent'],
  failed: ['queued', 'sent', 'retrying'],
  skipped: [],
  'awaiting-print': [],
  'handed-over': ['awaiting-print'],
};

export interface NewNotification {
  dedupeKey: string;
  guardianId: string;
  schoolId: string;
  studentIds: string[];
  channel: Channel;
  kind: NotificationKind;
  templateData: unknown;
  recipient: string | null;
  status: Extract<DeliveryStatus, 'queued' | 'skipped' | 'awaiting-print'>;
  statusReason?: string | null;
  deadlineItemId?: string | null;
}

/** Stable id of the notification of one piece of news to one guardian over one channel. */
export function notificationIdFor(dedupeKey: string, guardianId: string, channel: Channel): string {
  const digest = createHash('sha256').update(`${dedupeKey}\u0000${guardianId}\u0000${channel}`).digest('hex');
  // A letter first: BullMQ job ids derived from it must not be all digits.
  return `n${digest.slice(0, 31)}`;
}

@Injectable()
export class NotificationRepository {
  constructor(@InjectModel(Notification.name) private readonly notifications: Model<Notification>) {}

  /**
   * Creates the notification, or returns the existing one when the same news already
   * reached this guardian and channel: the unique index decides, not a prior read.
   */
  async createOnce(input: NewNotification): Promise<{ notification: Notification; created: boolean }> {
    const notificationId = notificationIdFor(input.dedupeKey, input.guardianId, input.channel);
    const now = new Date();
    try {
      const created = await this.notifications.create({
        notificationId,
        dedupeKey: input.dedupeKey,
        guardianId: input.guardianId,
        schoolId: input.schoolId,
        studentIds: input.studentIds,
        channel: input.channel,
        kind: input.kind,
        templateDataJson: JSON.stringify(input.templateData),
        recipient: input.recipient,
        status: input.status,
        statusReason: input.statusReason ?? null,
        history: [{ status: input.status, at: now, reason: input.statusReason ?? null }],
        deadlineItemId: input.deadlineItemId ?? null,
      });
      return { notification: created.toObject(), created: true };
    } catch (error) {
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
      const existing = await this.notifications.findOne({ notificationId }).lean();
      if (!existing) throw error;
      return { notification: existing, created: false };
    }
  }

  /**
   * Creates many notifications with one unordered insert and returns each one as stored,
   * in input order. Those that exist already are returned as they are, so that a
   * redelivered batch re-queues only what is still queued. The unique index decides.
   */
  async createMany(inputs: NewNotification[]): Promise<Notification[]> {
    if (inputs.length === 0) return [];
    const now = new Date();
    const documents = inputs.map((input) => ({
      notificationId: notificationIdFor(input.dedupeKey, input.guardianId, input.channel),
      dedupeKey: input.dedupeKey,
      guardianId: input.guardianId,
      schoolId: input.schoolId,
      studentIds: input.studentIds,
      channel: input.channel,
      kind: input.kind,
      templateDataJson: JSON.stringify(input.templateData),
      recipient: input.recipient,
      status: input.status,
      statusReason: input.statusReason ?? null,
      history: [{ status: input.status, at: now, reason: input.statusReason ?? null }],
      providerId: null,
      attempts: 0,
      deadlineItemId: input.deadlineItemId ?? null,
      createdAt: now,
      updatedAt: now,
    }));
    // insertNew bypasses mongoose, so the schema's defaults and timestamps are set above.
    const failed = await insertNew(this.notifications, documents);
    if (failed.length === 0) return documents as Notification[];

    const existingIds = failed.map((index) => documents[index]?.notificationId).filter((id): id is string => id !== undefined);
    const existing = new Map((await this.notifications.find({ notificationId: { $in: existingIds } }).lean()).map((found) => [found.notificationId, found]));
    return documents.map((document) => existing.get(document.notificationId) ?? (document as Notification));
  }

  findById(notificationId: string): Promise<Notification | null> {
    return this.notifications.findOne({ notificationId }).lean();
  }

  findByProviderId(providerId: string): Promise<Notification | null> {
    return this.notifications.findOne({ providerId }).lean();
  }

  /**
   * Moves a notification to a new state if the current one allows it, recording the
   * change in its history in the same write. Returns the updated notification, or null
   * when the transition was not allowed (e.g. "sent" after "delivered").
   * NOTE: on MongoDB the filtered update is atomic; FerretDB 1.24 applies it as read,
   * modify, write back, so two transitions of one notification at the same instant may
   * both pass the filter there.
   */
  async transition(
    notificationId: string,
    status: DeliveryStatus,
    details: { reason?: string | null; providerId?: string; incrementAttempts?: boolean } = {},
  ): Promise<Notification | null> {
    const set: Record<string, unknown> = { status, statusReason: details.reason ?? null };
    if (details.providerId !== undefined) set['providerId'] = details.providerId;
    return this.notifications
      .findOneAndUpdate(
        { notificationId, status: { $in: ALLOWED_FROM[status] } },
        {
          $set: set,
          $push: { history: { status, at: new Date(), reason: details.reason ?? null } },
          ...(details.incrementAttempts ? { $inc: { attempts: 1 } } : {}),
        },
        { new: true },
      )
      .lean();
  }

  /** Records the provider id without changing the state, e.g. the SMS sid once accepted. */
  async setProviderId(notificationId: string, providerId: string): Promise<void> {
    await this.notifications.updateOne({ notificationId }, { $set: { providerId } });
  }

  findForGuardian(guardianId: string, limit: number): Promise<Notification[]> {
    return this.notifications.find({ guardianId }).sort({ createdAt: 1 }).limit(limit).lean();
  }

  findByStatus(channel: Channel, status: DeliveryStatus, limit: number): Promise<Notification[]> {
    return this.notifications.find({ channel, status }).sort({ createdAt: 1 }).limit(limit).lean();
  }

  findForDeadlineItem(deadlineItemId: string): Promise<Notification[]> {
    return this.notifications.find({ deadlineItemId }).lean();
  }

  /** Returns every notification, oldest first, for reports such as the demo summary. */
  findAll(limit: number): Promise<Notification[]> {
    return this.notifications.find({}).sort({ createdAt: 1 }).limit(limit).lean();
  }
}
