import type { DemoOutcome, NotificationLogEntry } from '../scenario/demo-scenario';
import { formatDeadlineSection } from './deadline-section';
import { countRu, NOUNS_RU } from './plural-ru';

/** Russian wording of each machine-readable failure or skip reason of the delivery log. */
const REASONS_RU: Record<string, string> = {
  'twilio-21211': 'неверный номер',
  'twilio-21610': 'абонент отписался',
  'twilio-30003': 'абонент недоступен',
  'twilio-30006': 'стационарный номер',
  'no-personal-data-consent': 'нет согласия на обработку персональных данных',
  'no-electronic-consent': 'нет согласия на информирование в электронном виде',
  'no-email-address': 'не указан адрес электронной почты',
  'no-phone-number': 'не указан номер телефона',
  'phone-unsubscribed': 'номер отписан от SMS',
};

/** Skip reasons after which notifications-service sends a paper extract in place of the electronic message. */
const CONSENT_REASONS = new Set(['no-personal-data-consent', 'no-electronic-consent']);

/** Returns the reason in Russian; a code without a translation reads as an unknown reason, never as the code. */
export function reasonRu(reason: string | null): string {
  if (reason === null || reason === '') return 'причина не указана';
  return REASONS_RU[reason] ?? 'другая причина, см. журнал доставки';
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

function formatChannelLines(outcome: DemoOutcome, log: NotificationLogEntry[]): string[] {
  const byChannelStatus = countBy(log, (entry) => `${entry.channel}:${entry.status}`);
  const count = (key: string) => byChannelStatus.get(key) ?? 0;
  const paper = count('paper:awaiting-print');
  const lines = ['Сообщения по каналам:'];
  lines.push(`  электронная почта: отправлено ${countRu(count('email:sent'), NOUNS_RU.message)}`);
  lines.push(`  SMS: доставлено ${count('sms:delivered')}, отправлено без отчёта о доставке ${count('sms:sent')}`);
  lines.push(`  ждут печати: ${countRu(paper, NOUNS_RU.extract)}`);
  lines.push(
    `  ежедневная сводка отметок и домашних заданий: ${countRu(outcome.digestRun.guardians, NOUNS_RU.guardianDative)}, ` +
      `в ней ${countRu(outcome.digestRun.items, NOUNS_RU.record)}`,
  );
  if (!outcome.settled) lines.push('  ВНИМАНИЕ: часть сообщений ещё в очереди, ожидание доставки истекло');
  lines.push(
    '',
    'Бумажные выписки печатают и передают представителям в консоли оператора сервиса уведомлений:',
    '  адрес /console, раздел «Бумажные выписки». Консоль останавливается вместе с демо; чтобы открыть её,',
    '  запустите notifications-service, как описано в README, раздел «Operator console».',
  );
  return lines;
}

function formatFailedLines(log: NotificationLogEntry[]): string[] {
  const failed = log.filter((entry) => entry.status === 'failed');
  const lines = [`Не доставлено: ${countRu(failed.length, NOUNS_RU.message)}`];
  for (const [reason, number] of countBy(failed, (entry) => reasonRu(entry.statusReason))) {
    lines.push(`  ${reason}: ${number}`);
  }
  return lines;
}

/** Tells whether the guardian got a paper extract for the same news as the skipped message. */
function hasPaperCopy(log: NotificationLogEntry[], skipped: NotificationLogEntry): boolean {
  return log.some(
    (entry) =>
      entry.channel === 'paper' &&
      entry.guardianId === skipped.guardianId &&
      entry.kind === skipped.kind &&
      entry.deadlineItemId === skipped.deadlineItemId,
  );
}

function formatSkippedLines(log: NotificationLogEntry[]): string[] {
  const skipped = log.filter((entry) => entry.status === 'skipped');
  const lines: string[] = [];
  for (const [reason, entries] of groupBy(skipped, (entry) => entry.statusReason ?? '')) {
    const guardians = new Set(entries.map((entry) => entry.guardianId)).size;
    const withPaper = entries.filter((entry) => hasPaperCopy(log, entry)).length;
    const heading = CONSENT_REASONS.has(reason) ? 'Без электронных сообщений' : 'Не отправлено';
    let paperNote: string;
    if (withPaper === entries.length) paperNote = 'им подготовлены бумажные выписки';
    else if (withPaper === 0) paperNote = 'бумажные выписки им не подготовлены';
    else paperNote = `бумажные выписки подготовлены для ${withPaper} из ${entries.length} сообщений`;
    lines.push(
      `${heading} (${reasonRu(reason)}): ${countRu(entries.length, NOUNS_RU.message)} ` +
        `для ${countRu(guardians, NOUNS_RU.guardianGenitive)} — ${paperNote}`,
    );
  }
  return lines;
}

/** Builds the Russian report of one demo run for a school operator, line by line. */
export function formatSummaryRu(outcome: DemoOutcome, options: { logDir: string }): string[] {
  const log = outcome.guardians.flatMap((guardian) => guardian.notifications);
  const { school } = outcome;
  const lines: string[] = [];

  lines.push('', '=== Итоги демонстрационной недели ===', '');
  lines.push(`Школа: ${school.name}; классы ${school.classes.map((schoolClass) => schoolClass.name).join(', ')}`);
  lines.push(`${countRu(school.students.length, NOUNS_RU.student)}, ${countRu(school.guardians.length, NOUNS_RU.guardian)}`);
  const consent = countBy(school.guardians, (guardian) => guardian.consent);
  lines.push(
    `Согласие на обработку персональных данных: дано ${consent.get('granted') ?? 0}, ` +
      `отказ ${consent.get('refused') ?? 0}, не получено ${consent.get('not-given') ?? 0}`,
  );
  lines.push(
    `Тихие часы, когда SMS не отправляются, на время демо сдвинуты на ${outcome.quietHours.start}–${outcome.quietHours.end} МСК, ` +
      'чтобы SMS демо не задерживались',
  );
  lines.push('');

  lines.push(...formatChannelLines(outcome, log), '');
  lines.push(...formatFailedLines(log));
  lines.push(...formatSkippedLines(log), '');
  lines.push(...formatDeadlineSection(outcome, log, reasonRu), '');

  lines.push('Где посмотреть сообщения:');
  lines.push(`  письма: ${outcome.mailDataDir}/messages/*.eml`);
  lines.push(`  SMS: ${outcome.smsDataDir}/messages.jsonl`);
  lines.push(`  журналы сервисов: ${options.logDir}`);
  lines.push('Сервисы демо остановлены; почтовый ящик, SMS-песочница и другие локальные серверы продолжают работать.');
  lines.push(
    `Для разработчиков: топики Kafka, базы FerretDB и очереди Redis этого запуска начинаются с «${outcome.prefix}»; ` +
      'SMS-песочница отдаёт сообщения также по GET http://127.0.0.1:3090/sandbox/messages.',
  );
  return lines;
}
