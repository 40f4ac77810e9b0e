import { randomBytes } from 'node:crypto';
import type { MessageStatus, SmsRecord } from './sms-sandbox-store';

export const API_VERSION = '2010-04-01';

/** An accepted message in memory, with the state that changes as the status callbacks go. */
export interface SandboxMessage {
  record: SmsRecord & { sid: string; numSegments: number };
  accountSid: string;
  status: MessageStatus;
  errorCode: number | null;
  errorMessage: string | null;
  dateCreated: Date;
  dateUpdated: Date;
  dateSent: Date;
}

/** Returns a new message SID: 'SM' and 32 hex digits, the form Twilio uses. */
export function newMessageSid(): string {
  return `SM${randomBytes(16).toString('hex')}`;
}

export function messageUri(accountSid: string, sid: string): string {
  return `/${API_VERSION}/Accounts/${accountSid}/Messages/${sid}.json`;
}

/** Builds the JSON of Twilio's Message resource (API 2010-04-01) for a sandbox message. */
export function toMessageResource(message: SandboxMessage): Record<string, unknown> {
  const { record } = message;
  return {
    account_sid: message.accountSid,
    api_version: API_VERSION,
    body: record.body,
    date_created: formatRfc2822(message.dateCreated),
    date_sent: formatRfc2822(message.dateSent),
    date_updated: formatRfc2822(message.dateUpdated),
    direction: 'outbound-api',
    error_code: message.errorCode,
    error_message: message.errorMessage,
    from: record.from,
    messaging_service_sid: record.messagingServiceSid,
    num_media: '0',
    // Twilio sends the segment count as a string.
    num_segments: String(record.numSegments),
    price: null,
    price_unit: 'USD',
    sid: record.sid,
    status: message.status,
    subresource_uris: { media: `/${API_VERSION}/Accounts/${message.accountSid}/Messages/${record.sid}/Media.json` },
    to: record.to,
    uri: messageUri(message.accountSid, record.sid),
  };
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Formats a date in UTC the way Twilio's API does, for example "Wed, 18 Aug 2010 20:01:40 +0000". */
export function formatRfc2822(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  const weekday = WEEKDAYS[date.getUTCDay()] ?? '';
  const month = MONTHS[date.getUTCMonth()] ?? '';
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${weekday}, ${pad(date.getUTCDate())} ${month} ${date.getUTCFullYear()} ${time} +0000`;
}
