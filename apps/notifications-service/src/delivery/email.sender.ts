import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../notifications.config';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per notification, so a resent message can be recognised as the same one. */
  messageId: string;
}

/** A failed send, classified for the retry policy. */
export class EmailSendError extends Error {
  constructor(
    readonly permanent: boolean,
    /** "smtp-550", "smtp-451" or the socket error code, e.g. "ETIMEDOUT". */
    readonly reason: string,
    cause: unknown,
  ) {
    super(`email send failed: ${reason}`, { cause });
    this.name = 'EmailSendError';
  }
}

/** Classifies an SMTP failure: 5xx replies are permanent, 4xx replies and socket errors transient. */
export function classifySmtpError(error: unknown): EmailSendError {
  const { responseCode, code } = (error ?? {}) as { responseCode?: number; code?: string };
  if (typeof responseCode === 'number') {
    return new EmailSendError(responseCode >= 500, `smtp-${responseCode}`, error);
  }
  return new EmailSendError(false, code ?? 'smtp-unknown', error);
}

@Injectable()
export class EmailSender implements OnModuleDestroy {
  private readonly transport: Transporter;

  constructor(@Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig) {
    this.transport = nodemailer.createTransport({
      host: config.smtp.host,
      port: config.smtp.port,
      secure: config.smtp.secure,
      pool: true,
      maxConnections: 4,
      connectionTimeout: config.smtp.timeoutMs,
      greetingTimeout: config.smtp.timeoutMs,
      socketTimeout: config.smtp.timeoutMs,
    });
  }

  async send(email: OutgoingEmail): Promise<string> {
    try {
      const info = (await this.transport.sendMail({
        from: this.config.smtp.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: email.messageId,
      })) as { messageId: string };
      return info.messageId;
    } catch (error) {
      throw classifySmtpError(error);
    }
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
