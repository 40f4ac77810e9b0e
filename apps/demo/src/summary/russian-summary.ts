import type { DemoOutcome } from '../scenario/demo-scenario';

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

const DEADLINE_STATES_RU: Record<string, string> = {
  'on-track': 'в срок',
  'at-risk': 'под угрозой',
  breached: 'просрочено',
  met: 'доставлено',
};

const KINDS_RU: Record<string, string> = {
  'final-grade': 'итоговая отметка',
  deferral: 'отсрочка итоговой отметки',
  'exam-result': 'результат экзамена',
};

export function reasonRu(reason: string | null): string {
  if (reason === null) return 'причина не указана';
  return REASONS_RU[reason] ?? reason;
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** Builds the Russian report of one demo run, line by line. */
export function formatSummaryRu(outcome: DemoOutcome, options: { logDir: string }): string[] {
  const log = outcome.guardians.flatMap((guardian) => guardian.notifications);
  const byChannelStatus = countBy(log, (entry) => `${entry.channel}:${entry.status}`);
  const count = (key: string) => byChannelStatus.get(key) ?? 0;
  const lines: string[] = [];

  lines.push('', '=== Итоги демонстрационной недели ===', '');
  lines.push(`Школа: ${outcome.school.name}; классы ${outcome.school.classes.map((schoolClass) => schoolClass.name).join(', ')}`);
  lines.push(`Учеников: ${outcome.school.students.length}, представителей: ${outcome.school.guardians.length}`);
  const consent = countBy(outcome.school.guardians, (guardian) => guardian.consent);
  lines.push(
    `Согласие на обработку ПДн: дано ${consent.get('granted') ?? 0}, отказ ${consent.get('refused') ?? 0}, не получено ${consent.get('not-given') ?? 0}`,
  );
  lines.push(`Тихие часы на время демо: ${outcome.quietHours.start}–${outcome.quietHours.end} (МСК), чтобы SMS не задерживались`);
  lines.push('');

  lines.push('Сообщения по каналам:');
  lines.push(`  электронная почта: отправлено ${count('email:sent')}`);
  lines.push(`  SMS: доставлено ${count('sms:delivered')}, отправлено без отчёта о доставке ${count('sms:sent')}`);
  lines.push(`  бумажные выписки ждут печати: ${count('paper:awaiting-print')}`);
  lines.push(`  ежедневная сводка: ${outcome.digestRun.guardians} представителей, ${outcome.digestRun.items} записей`);
  if (!outcome.settled) lines.push('  ВНИМАНИЕ: часть сообщений ещё в очереди, ожидание доставки истекло');
  lines.push('');

  const failed = log.filter((entry) => entry.status === 'failed');
  lines.push(`Не доставлено (${failed.length}):`);
  for (const [reason, number] of countBy(failed, (entry) => entry.statusReason ?? '')) {
    lines.push(`  ${reasonRu(reason || null)} (${reason}): ${number}`);
  }
  const skipped = log.filter((entry) => entry.status === 'skipped');
  lines.push(`Каналы пропущены намеренно (${skipped.length}):`);
  for (const [reason, number] of countBy(skipped, (entry) => entry.statusReason ?? '')) {
    lines.push(`  ${reasonRu(reason || null)} (${reason}): ${number}`);
  }
  lines.push('');

  lines.push('Сроки информирования (3 дня с получения результатов):');
  const states = countBy(outcome.deadlines, (item) => item.state);
  lines.push(`  ${[...states].map(([state, number]) => `${DEADLINE_STATES_RU[state] ?? state}: ${number}`).join(', ')}`);
  const students = new Map(outcome.school.students.map((student) => [student.studentId, student.fullName]));
  for (const item of outcome.deadlines) {
    const via = item.deliveredVia ? `, канал ${item.deliveredVia}` : '';
    const late = item.arrivedLate ? ', результат поступил после срока' : '';
    lines.push(
      `  ${DEADLINE_STATES_RU[item.state] ?? item.state}: ${KINDS_RU[item.kind] ?? item.kind}, ${item.subject}, ` +
        `${students.get(item.studentId) ?? item.studentId}, представитель ${item.guardianId}${via}${late}`,
    );
  }
  lines.push('');

  lines.push('Где посмотреть сообщения:');
  lines.push(`  письма: ${outcome.mailDataDir}/messages/*.eml`);
  lines.push(`  SMS: ${outcome.smsDataDir}/messages.jsonl и GET http://127.0.0.1:3090/sandbox/messages`);
  lines.push(`  журналы сервисов: ${options.logDir}`);
  lines.push(`Префикс запуска (топики Kafka, базы, очереди): ${outcome.prefix}`);
  lines.push('Сервисы демо остановлены; серверы (Kafka, FerretDB, Redis, почтовый ящик, SMS-песочница) продолжают работать.');
  return lines;
}
