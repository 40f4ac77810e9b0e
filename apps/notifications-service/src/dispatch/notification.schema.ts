import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CHANNELS, type Channel } from '@ediary/contracts';
import type { HydratedDocument } from 'mongoose';

export const NOTIFICATION_KINDS = ['new-mark', 'exam-result', 'final-grade', 'deferral', 'daily-digest'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * Delivery states. Email and SMS go queued → sent → delivered, but email has no receipt,
 * so it ends at sent. A transient failure means retrying, a final one failed. A channel
 * left out on purpose is skipped. Paper goes awaiting-print → handed-over.
 */
export const DELIVERY_STATUSES = [
  'queued',
  'sent',
  'delivered',
  'retrying',
  'failed',
  'skipped',
  'awaiting-print',
  'handed-over',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

@Schema({ _id: false })
export class StatusChange {
  @Prop({ type: String, required: true, enum: DELIVERY_STATUSES })
  status!: DeliveryStatus;

  @Prop({ required: true })
  at!: Date;

  /** Machine-readable reason, e.g. "no-electronic-consent" or "twilio-21211". */
  @Prop({ type: String, default: null })
  reason!: string | null;
}

/** One message to one guardian over one channel, with its delivery log. */
@Schema({ collection: 'notifications', timestamps: true })
export class Notification {
  @Prop({ required: true })
  notificationId!: string;

  /** The event content this notification is about; equal keys mean the same news. */
  @Prop({ required: true })
  dedupeKey!: string;

  @Prop({ required: true })
  guardianId!: string;

  @Prop({ required: true })
  schoolId!: string;

  @Prop({ type: [String], default: [] })
  studentIds!: string[];

  @Prop({ type: String, required: true, enum: CHANNELS })
  channel!: Channel;

  @Prop({ type: String, required: true, enum: NOTIFICATION_KINDS })
  kind!: NotificationKind;

  /** Template data as JSON text, captured when the notification was created. */
  @Prop({ required: true })
  templateDataJson!: string;

  /** Email address or E.164 phone at creation; null for paper and skipped channels. */
  @Prop({ type: String, default: null })
  recipient!: string | null;

  @Prop({ type: String, required: true, enum: DELIVERY_STATUSES })
  status!: DeliveryStatus;

  @Prop({ type: String, default: null })
  statusReason!: string | null;

  @Prop({ type: [SchemaFactory.createForClass(StatusChange)], default: [] })
  history!: StatusChange[];

  /** Message-ID of the email or sid of the SMS. */
  @Prop({ type: String, default: null })
  providerId!: string | null;

  @Prop({ default: 0 })
  attempts!: number;

  /** Deadline item this notification serves, for final grades, deferrals and exam results. */
  @Prop({ type: String, default: null })
  deadlineItemId!: string | null;

  createdAt!: Date;
}

export type NotificationDocument = HydratedDocument<Notification>;
export const NotificationSchema = SchemaFactory.createForClass(Notification);
// Stops a second notification of the same news to one guardian over one channel,
// whether the event came twice from Kafka or the journal repeated its call.
NotificationSchema.index({ dedupeKey: 1, guardianId: 1, channel: 1 }, { unique: true });
// Serves status updates by id from workers and Twilio callbacks.
NotificationSchema.index({ notificationId: 1 }, { unique: true });
// Serves the SMS status callback, which names the message by sid.
NotificationSchema.index({ providerId: 1 });
// Serves the delivery log of one guardian and the paper-extract list.
NotificationSchema.index({ guardianId: 1, createdAt: 1 });
NotificationSchema.index({ channel: 1, status: 1 });
