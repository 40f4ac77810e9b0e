import type { DeadlineState } from '../deadlines/deadline.service';
import type { DeliveryStatus, NotificationKind } from '../dispatch/notification.schema';
import { OPERATOR_DISCARD_REASON, OPERATOR_RETRY_REASON } from './console-delivery.repository';

/** Russian words the console shows for the service's machine-readable values. */

export const CHANNEL_WORDS: Record<string, string> = {
  email: 'Электронная почта',
  sms: 'SMS',
  paper: 'Бумажная выписка',
};

export const STATUS_WORDS: Record<DeliveryStatus, string> = {
  queued: 'в очереди',
  sent: 'отправлено',
  delivered: 'доставлено',
  retrying: 'повторная попытка',
  failed: 'не доставлено',
  skipped: 'пропущено',
  'awaiting-print': 'ждёт печати',
  'handed-over': 'выдано',
};

export const KIND_WORDS: Record<NotificationKind, string> = {
  'new-mark': 'Отметка',
  'exam-result': 'Результат экзамена',
  'final-grade': 'Итоговая отметка',
  deferral: 'Отсрочка аттестации',
  'daily-digest': 'Сводка за день',
};

export const DEADLINE_STATE_WORDS: Record<DeadlineState, string> = {
  'on-track': 'в срок',
  'at-risk': 'под угрозой',
  breached: 'просрочено',
  met: 'доставлено',
};

const EXACT_REASONS: Record<string, string> = {
  'no-personal-data-consent': 'нет согласия на обработку персональных данных',
  'no-electronic-consent': 'нет согласия на электронное информирование',
  'no-email-address': 'не указан адрес электронной почты',
  'no-phone-number': 'не указан номер телефона',
  'phone-unsubscribed': 'абонент отписался от SMS',
  'smtp-unknown': 'неизвестная ошибка почтового сервера',
  ECONNREFUSED: 'почтовый сервер недоступен',
  ETIMEDOUT: 'почтовый сервер не ответил вовремя',
  ECONNECTION: 'нет соединения с почтовым сервером',
  'twilio-undelivered': 'SMS не доставлено',
  'twilio-failed': 'SMS не отправлено',
  [OPERATOR_RETRY_REASON]: 'повтор по решению оператора',
  [OPERATOR_DISCARD_REASON]: 'снято оператором',
};

/** Twilio error codes seen on parents' numbers; other codes show as a generic gateway error with the code. */
const TWILIO_REASONS: Record<string, string> = {
  '21211': 'неверный номер телефона',
  '21610': 'абонент отписался от SMS',
  '21614': 'номер не принимает SMS',
  '30003': 'телефон недоступен',
  '30004': 'сообщение заблокировано абонентом',
  '30005': 'номер не существует',
  '30006': 'номер не принимает SMS',
  '30007': 'сообщение отклонено оператором связи',
  '30008': 'неизвестная ошибка доставки SMS',
};

/** A delivery reason in words, keeping the code for support: «неверный номер телефона (twilio-21211)». */
export function reasonWords(reason: string | null): string {
  if (!reason) return '—';
  const exact = EXACT_REASONS[reason];
  if (exact) return exact;
  if (reason.startsWith('handed-over-on-')) return `выдано ${reason.slice('handed-over-on-'.length)}`;
  const smtp = /^smtp-(\d{3})$/.exec(reason);
  if (smtp) {
    const code = Number(smtp[1]);
    const words = code >= 500 ? 'почтовый сервер отклонил письмо' : 'почтовый сервер временно не принял письмо';
    return `${words} (код ${code})`;
  }
  const twilio = /^twilio-(\d+)$/.exec(reason);
  if (twilio) return `${TWILIO_REASONS[twilio[1] as string] ?? 'ошибка SMS-шлюза'} (код ${twilio[1]})`;
  return `ошибка доставки (${reason})`;
}

/** Time left until a deadline in words: «1 д 4 ч», «35 мин», «просрочено на 2 ч». */
export function timeLeftWords(msLeft: number): string {
  const minutes = Math.floor(Math.abs(msLeft) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts = days > 0 ? [`${days} д`, `${hours} ч`] : hours > 0 ? [`${hours} ч`, `${rest} мин`] : [`${rest} мин`];
  return msLeft < 0 ? `просрочено на ${parts.join(' ')}` : parts.join(' ');
}
