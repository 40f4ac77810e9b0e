import type { DeadlineEntry, DemoOutcome, NotificationLogEntry } from '../scenario/demo-scenario';
import { countRu, NOUNS_RU } from './plural-ru';

type DeadlineState = DeadlineEntry['state'];

/** Deadline states from the most to the least urgent; the list is printed in this order. */
const URGENCY: DeadlineState[] = ['breached', 'at-risk', 'on-track', 'met'];

const STATE_TOTALS_RU: Record<DeadlineState, string> = {
  breached: 'срок нарушен',
  'at-risk': 'под угрозой срыва срока',
  'on-track': 'ожидает доставки',
  met: 'доставлено в срок',
};

const KINDS_RU: Record<DeadlineEntry['kind'], string> = {
  'final-grade': 'итоговая отметка',
  deferral: 'отсрочка итоговой отметки',
  'exam-result': 'результат экзамена',
};

/** How a message reached the guardian, to follow «доставлено». */
const DELIVERED_VIA_RU: Record<string, string> = {
  email: 'по электронной почте',
  sms: 'по SMS',
  paper: 'бумажной выпиской',
};

const CHANNELS_RU: Record<NotificationLogEntry['channel'], string> = {
  email: 'письмо',
  sms: 'SMS',
  paper: 'бумажная выписка',
};

const PENDING_STATUSES_RU: Record<string, string> = {
  queued: 'в очереди на отправку',
  retrying: 'повторная попытка отправки',
  sent: 'отправлено, отчёта о доставке ещё нет',
  'awaiting-print': 'ожидает печати',
  failed: 'не доставлено',
  skipped: 'не отправлено',
};

function countNamesakes(students: { name: string; className: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { name, className } of students) counts.set(`${name}, ${className}`, (counts.get(`${name}, ${className}`) ?? 0) + 1);
  return counts;
}

/** Formats a moment as «07.12.2026 09:30» in the school's time zone. */
function formatMoment(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('ru-RU', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('day')}.${part('month')}.${part('year')} ${part('hour')}:${part('minute')}`;
}

function stateLabel(item: DeadlineEntry, timeZone: string, atRiskHours: number): string {
  const deadline = formatMoment(item.deadlineAt, timeZone);
  switch (item.state) {
    case 'breached':
      return `срок нарушен (срок был до ${deadline})`;
    case 'at-risk':
      return `под угрозой срыва срока: осталось меньше ${countRu(atRiskHours, NOUNS_RU.hour)}, срок до ${deadline}`;
    case 'on-track':
      return `ожидает доставки, срок до ${deadline}`;
    case 'met':
      return 'доставлено в срок';
  }
}

/** Says how the item reached the guardian, or which of its messages are still open and why. */
function deliveryNote(item: DeadlineEntry, log: NotificationLogEntry[], timeZone: string, reasonRu: (reason: string | null) => string): string {
  if (item.deliveredAt !== null) {
    const via = item.deliveredVia ? ` ${DELIVERED_VIA_RU[item.deliveredVia] ?? 'по другому каналу'}` : '';
    const when = `${via} ${formatMoment(item.deliveredAt, timeZone)}`.trim();
    // The state label of a met item already reads «доставлено в срок».
    return item.state === 'met' ? when : `доставлено уже после срока ${when}`;
  }
  const messages = log
    .filter((entry) => entry.deadlineItemId === item.itemId && entry.guardianId === item.guardianId)
    .sort((left, right) => left.channel.localeCompare(right.channel));
  if (messages.length === 0) return 'сообщения для представителя ещё не созданы';
  return messages
    .map((entry) => {
      const status = PENDING_STATUSES_RU[entry.status] ?? 'состояние не распознано, см. журнал доставки';
      const reason = entry.statusReason ? ` (${reasonRu(entry.statusReason)})` : '';
      return `${CHANNELS_RU[entry.channel]} ${status}${reason}`;
    })
    .join(', ');
}

/**
 * Builds the deadline part of the summary: totals per state, then one line per result and
 * guardian, sorted by urgency, class, student, kind, subject and guardian, so that two runs
 * of the same school print the same order.
 */
export function formatDeadlineSection(
  outcome: DemoOutcome,
  log: NotificationLogEntry[],
  reasonRu: (reason: string | null) => string,
): string[] {
  const { school, deadlinePolicy } = outcome;
  const classNames = new Map(school.classes.map((schoolClass) => [schoolClass.classId, schoolClass.name]));
  const students = new Map(
    school.students.map((student) => [student.studentId, { name: student.fullName, className: classNames.get(student.classId) ?? '' }]),
  );
  const guardianNames = new Map(school.guardians.map((guardian) => [guardian.guardianId, guardian.fullName]));
  const studentOf = (item: DeadlineEntry) => students.get(item.studentId) ?? { name: 'ученик не найден в данных демо', className: '' };
  // Namesakes in one class are distinguished by their journal id.
  const namesakes = countNamesakes([...students.values()]);
  const studentLabel = (item: DeadlineEntry) => {
    const { name, className } = studentOf(item);
    const label = `${name}, ${className}`;
    return (namesakes.get(label) ?? 0) > 1 ? `${label} (тёзка в классе, код ученика ${item.studentId})` : label;
  };
  const guardianOf = (item: DeadlineEntry) => guardianNames.get(item.guardianId) ?? 'представитель не найден в данных демо';
  const compareRu = (left: string, right: string) => left.localeCompare(right, 'ru');

  const sorted = [...outcome.deadlines].sort(
    (left, right) =>
      URGENCY.indexOf(left.state) - URGENCY.indexOf(right.state) ||
      compareRu(studentOf(left).className, studentOf(right).className) ||
      compareRu(studentOf(left).name, studentOf(right).name) ||
      compareRu(left.studentId, right.studentId) ||
      compareRu(KINDS_RU[left.kind], KINDS_RU[right.kind]) ||
      compareRu(left.subject, right.subject) ||
      compareRu(guardianOf(left), guardianOf(right)) ||
      compareRu(left.itemId, right.itemId),
  );

  const zone = school.timeZone === 'Europe/Moscow' ? 'время московское' : `время по часовому поясу ${school.timeZone}`;
  const lines = [`Сроки информирования (${countRu(deadlinePolicy.days, NOUNS_RU.day)} с получения результатов, ${zone}):`];
  const totals = URGENCY.map((state) => `${STATE_TOTALS_RU[state]} — ${sorted.filter((item) => item.state === state).length}`);
  lines.push(`  ${totals.join(', ')}`);
  for (const item of sorted) {
    const late = item.arrivedLate ? '; результат поступил в систему уже после срока' : '';
    lines.push(
      `  ${stateLabel(item, school.timeZone, deadlinePolicy.atRiskHours)}: ${KINDS_RU[item.kind]} (${item.subject}) — ` +
        `${studentLabel(item)}; представитель ${guardianOf(item)}; ` +
        `${deliveryNote(item, log, school.timeZone, reasonRu)}${late}`,
    );
  }
  return lines;
}
