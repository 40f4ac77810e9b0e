import { Body, Controller, Headers, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import { ApiError, Public } from '@ediary/http-api';
import { validateRequest } from 'twilio';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../notifications.config';
import { DeliveryService } from './delivery.service';

/**
 * Twilio's status callbacks. Twilio sends no API key, so the request is authenticated by
 * its X-Twilio-Signature, an HMAC of the URL and parameters with the account's auth token.
 */
@Public()
@Controller('v1/twilio')
export class TwilioStatusController {
  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    private readonly delivery: DeliveryService,
  ) {}

  @Post('status')
  @HttpCode(HttpStatus.NO_CONTENT)
  async status(@Body() params: Record<string, string>, @Headers('x-twilio-signature') signature?: string): Promise<void> {
    const valid =
      typeof signature === 'string' &&
      validateRequest(this.config.twilio.authToken, signature, this.config.twilio.statusCallbackUrl, params);
    if (!valid) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'TWILIO_SIGNATURE_INVALID', 'Подпись уведомления Twilio неверна');
    }
    const sid = params['MessageSid'];
    const status = params['MessageStatus'];
    if (!sid || !status) {
      throw new ApiError(HttpStatus.BAD_REQUEST, 'TWILIO_CALLBACK_INCOMPLETE', 'В уведомлении нет MessageSid или MessageStatus');
    }
    const errorCode = params['ErrorCode'] ? Number(params['ErrorCode']) : null;
    await this.delivery.onSmsStatus({ sid, status, errorCode: Number.isFinite(errorCode) ? errorCode : null });
  }
}
