import { Inject, Injectable } from '@nestjs/common';
import { fitSmsText } from '@ediary/sms';
import type { Notification } from '../dispatch/notification.schema';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../notifications.config';
import { renderNotification, type NotificationKind as TemplateKind, type RenderedNotification } from '../templates/notification-templates';

/** Renders a stored notification with the Russian templates; SMS text is fitted to the segment budget. */
@Injectable()
export class MessageRenderer {
  constructor(@Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig) {}

  render(notification: Notification): RenderedNotification {
    const data = JSON.parse(notification.templateDataJson) as never;
    const rendered = renderNotification(notification.kind as TemplateKind, data);
    return { ...rendered, sms: fitSmsText(rendered.sms, this.config.twilio.maxSegments) };
  }
}
