import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { countSmsSegments, createTwilioClient } from '@ediary/sms';
import type { Twilio } from 'twilio';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../notifications.config';
import { SmsRateLimiter } from './sms-rate-limiter';

/**
 * Twilio errors that no retry can mend: 21211 invalid number, 21408 region not enabled,
 * 21610 unsubscribed (the recipient replied STOP), 21612 and 21614 number cannot receive
 * SMS, 30006 landline. See Twilio's error dictionary for each code.
 */
export const PERMANENT_TWILIO_ERRORS = new Set([21211, 21408, 21610, 21612, 21614, 30006]);
export const TWILIO_UNSUBSCRIBED = 21610;

export class SmsSendError extends Error {
  constructor(
    readonly permanent: boolean,
    /** Twilio's error code, or null for a network failure. */
    readonly twilioCode: number | null,
    readonly reason: string,
    cause: unknown,
  ) {
    super(`sms send failed: ${reason}`, { cause });
    this.name = 'SmsSendError';
  }
}

export function classifyTwilioError(error: unknown): SmsSendError {
  const { code, status } = (error ?? {}) as { code?: unknown; status?: unknown };
  if (typeof code === 'number' && typeof status === 'number') {
    return new SmsSendError(PERMANENT_TWILIO_ERRORS.has(code), code, `twilio-${code}`, error);
  }
  return new SmsSendError(false, null, typeof code === 'string' ? code : 'twilio-network', error);
}

@Injectable()
export class SmsSender implements OnModuleDestroy {
  private readonly client: Twilio;
  private readonly limiter: SmsRateLimiter;

  constructor(@Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig) {
    this.client = createTwilioClient({
      accountSid: config.twilio.accountSid,
      authToken: config.twilio.authToken,
      ...(config.twilio.apiBaseUrl !== undefined && { apiBaseUrl: config.twilio.apiBaseUrl }),
    });
    this.limiter = new SmsRateLimiter(config.redis.url, config.redis.queuePrefix, config.twilio.segmentsPerSecond);
    // The SDK loads its message modules on first use, which took about 30 ms (twilio 5.13.1).
    // Loading them now keeps that delay out of the time between a reservation and its request.
    void this.client.messages;
  }

  /**
   * Waits for room under the sender's segment rate, hands the SMS to Twilio and returns
   * its sid; delivery is reported later by status callback.
   */
  async send(to: string, body: string): Promise<string> {
    await this.limiter.acquire(this.config.twilio.from, countSmsSegments(body).segments);
    try {
      const message = await this.client.messages.create({
        to,
        from: this.config.twilio.from,
        body,
        statusCallback: this.config.twilio.statusCallbackUrl,
      });
      return message.sid;
    } catch (error) {
      throw classifyTwilioError(error);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.limiter.close();
  }
}
