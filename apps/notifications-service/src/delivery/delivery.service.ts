import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DeadlineRepository } from '../deadlines/deadline.repository';
import { NotificationRepository } from '../dispatch/notification.repository';
import type { Notification } from '../dispatch/notification.schema';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../notifications.config';
import { GuardianRepository } from '../read-model/guardian.repository';
import { DeliveryQueues } from './delivery-queues';
import { EmailSendError, EmailSender } from './email.sender';
import { MessageRenderer } from './message-renderer';
import { SmsSendError, SmsSender, TWILIO_UNSUBSCRIBED } from './sms.sender';
import { SmsStatusReportRepository } from './sms-status-report.repository';

/** Twilio's status callback fields that this service reads. */
export interface SmsStatusReport {
  sid: string;
  status: string;
  errorCode: number | null;
}

/** 30003: the handset was unreachable, which may pass; our policy retries it. */
const TRANSIENT_DELIVERY_ERRORS = new Set([30003]);

/**
 * Sends one notification over its channel and keeps its delivery log. Transient failures
 * are thrown for BullMQ to retry with backoff; permanent ones end the job at once.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);

  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    private readonly notifications: NotificationRepository,
    private readonly deadlines: DeadlineRepository,
    private readonly guardians: GuardianRepository,
    private readonly renderer: MessageRenderer,
    private readonly email: EmailSender,
    private readonly sms: SmsSender,
    private readonly queues: DeliveryQueues,
    private readonly earlyReports: SmsStatusReportRepository,
  ) {}

  /** Returns the notification if it still waits for delivery, or null when it is done already. */
  private async pending(notificationId: string): Promise<Notification | null> {
    const notification = await this.notifications.findById(notificationId);
    if (!notification) {
      this.logger.error({ notificationId }, 'delivery job names an unknown notification; dropping it');
      return null;
    }
    return notification.status === 'queued' || notification.status === 'retrying' ? notification : null;
  }

  async sendEmail(notificationId: string, attempt: { made: number; max: number }): Promise<void> {
    const notification = await this.pending(notificationId);
    if (!notification?.recipient) return;
    const rendered = this.renderer.render(notification);
    try {
      const messageId = await this.email.send({
        to: notification.recipient,
        subject: rendered.email.subject,
        text: rendered.email.text,
        html: rendered.email.html,
        messageId: `<${notificationId}@ediary.notifications>`,
      });
      await this.notifications.transition(notificationId, 'sent', { providerId: messageId, incrementAttempts: true });
      await this.closeDeadline(notification, 'email');
    } catch (error) {
      if (!(error instanceof EmailSendError)) throw error;
      await this.recordFailure(notification, error.permanent, error.reason, attempt);
      throw error.permanent ? new UnrecoverableError(error.reason) : error;
    }
  }

  async sendSms(notificationId: string, attempt: { made: number; max: number }): Promise<void> {
    const notification = await this.pending(notificationId);
    if (!notification?.recipient) return;
    const text = this.renderer.render(notification).sms;
    try {
      const sid = await this.sms.send(notification.recipient, text);
      await this.notifications.transition(notificationId, 'sent', { providerId: sid, incrementAttempts: true });
      await this.applyEarlyReports(sid);
    } catch (error) {
      if (!(error instanceof SmsSendError)) throw error;
      if (error.twilioCode === TWILIO_UNSUBSCRIBED) {
        await this.guardians.markPhoneUnsubscribed(notification.guardianId, notification.recipient);
      }
      await this.recordFailure(notification, error.permanent, error.reason, attempt);
      throw error.permanent ? new UnrecoverableError(error.reason) : error;
    }
  }

  /**
   * Applies a Twilio status callback. A late "sent" never overwrites "delivered" because
   * the repository only allows forward transitions.
   */
  async onSmsStatus(report: SmsStatusReport): Promise<void> {
    const notification = await this.notifications.findByProviderId(report.sid);
    if (!notification) {
      // Twilio may report before the worker has stored the sid: keep the report for the
      // worker, then look again in case the sid was stored in the meantime.
      await this.earlyReports.keep(report);
      this.logger.debug({ sid: report.sid, status: report.status }, 'status callback before the sid was stored; kept');
      if (await this.notifications.findByProviderId(report.sid)) await this.applyEarlyReports(report.sid);
      return;
    }
    await this.applyReport(notification, report);
  }

  /** Applies reports that arrived before the sid was stored; safe to call twice. */
  private async applyEarlyReports(sid: string): Promise<void> {
    for (const report of await this.earlyReports.take(sid)) {
      const notification = await this.notifications.findByProviderId(sid);
      if (notification) await this.applyReport(notification, report);
    }
  }

  private async applyReport(notification: Notification, report: SmsStatusReport): Promise<void> {
    const { notificationId } = notification;
    switch (report.status) {
      case 'sent':
        await this.notifications.transition(notificationId, 'sent');
        return;
      case 'delivered': {
        const updated = await this.notifications.transition(notificationId, 'delivered');
        if (updated) await this.closeDeadline(updated, 'sms');
        return;
      }
      case 'undelivered':
      case 'failed':
        await this.onSmsUndelivered(notification, report);
        return;
      default:
        // queued, sending, accepted and the like change nothing in the log.
        return;
    }
  }

  private async onSmsUndelivered(notification: Notification, report: SmsStatusReport): Promise<void> {
    const reason = report.errorCode === null ? `twilio-${report.status}` : `twilio-${report.errorCode}`;
    const transient = report.errorCode !== null && TRANSIENT_DELIVERY_ERRORS.has(report.errorCode);
    if (!transient || notification.attempts >= this.config.delivery.attempts) {
      await this.notifications.transition(notification.notificationId, 'failed', { reason });
      this.logger.warn({ notificationId: notification.notificationId, reason }, 'sms not delivered; giving up');
      return;
    }
    const updated = await this.notifications.transition(notification.notificationId, 'retrying', { reason });
    if (!updated) return;
    const delayMs = this.config.delivery.backoffMs * 2 ** Math.max(0, notification.attempts - 1);
    await this.queues.enqueue('sms', notification.notificationId, { delayMs, round: notification.attempts });
    this.logger.warn({ notificationId: notification.notificationId, reason, delayMs }, 'sms not delivered; retrying');
  }

  private async recordFailure(
    notification: Notification,
    permanent: boolean,
    reason: string,
    attempt: { made: number; max: number },
  ): Promise<void> {
    const lastAttempt = attempt.made + 1 >= attempt.max;
    const status = permanent || lastAttempt ? 'failed' : 'retrying';
    await this.notifications.transition(notification.notificationId, status, { reason, incrementAttempts: true });
    this.logger.warn(
      { notificationId: notification.notificationId, channel: notification.channel, reason, attempt: attempt.made + 1 },
      status === 'failed' ? 'delivery failed' : 'delivery failed; will retry',
    );
  }

  private async closeDeadline(notification: Notification, via: string): Promise<void> {
    if (notification.deadlineItemId) await this.deadlines.markDelivered(notification.deadlineItemId, new Date(), via);
  }
}
