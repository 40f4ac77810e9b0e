import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Notification } from '../dispatch/notification.schema';
import { ExtractPdfService } from './extract-pdf.service';
import { buildPaperExtract } from './paper-extract';

function paperNotification(kind: Notification['kind'], studentId: string, data: Record<string, unknown>): Notification {
  return {
    notificationId: `n${kind.replace(/-/g, '').padEnd(31, '0')}`,
    dedupeKey: `key-${kind}`,
    guardianId: 'guardian-7',
    schoolId: 'school-1',
    studentIds: [studentId],
    channel: 'paper',
    kind,
    templateDataJson: JSON.stringify({ guardianName: 'Иванова Мария Петровна', schoolName: 'Школа № 1', ...data }),
    recipient: null,
    status: 'awaiting-print',
    statusReason: null,
    history: [],
    providerId: null,
    attempts: 0,
    deadlineItemId: null,
    createdAt: new Date('2026-12-03T09:00:00Z'),
  };
}

const notifications = [
  paperNotification('new-mark', 'student-1', {
    studentName: 'Иванов Пётр',
    subject: 'Математика',
    value: 5,
    assignmentType: 'контрольная работа',
    lessonDate: '2026-12-02',
    action: 'created',
    overdue: false,
  }),
  paperNotification('final-grade', 'student-1', {
    studentName: 'Иванов Пётр',
    subject: 'Русский язык',
    period: { kind: 'quarter', number: 2, schoolYear: '2026/2027' },
    value: 4,
  }),
  paperNotification('exam-result', 'student-1', {
    studentName: 'Иванов Пётр',
    examKind: 'ВПР',
    subject: 'История',
    score: 17,
    mark: 3,
    resultsObtainedAt: '2026-12-01T10:00:00+03:00',
  }),
  paperNotification('deferral', 'student-1', {
    studentName: 'Иванов Пётр',
    subject: 'Физика',
    period: { kind: 'quarter', number: 2, schoolYear: '2026/2027' },
    deferredUntil: '2026-12-20',
  }),
];

/** Extracts the text of a PDF with poppler's pdftotext, the way a reader would copy it. */
function pdfText(pdf: Buffer): string {
  const folder = mkdtempSync(join(tmpdir(), 'extract-pdf-'));
  try {
    const file = join(folder, 'extract.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('ExtractPdfService', () => {
  const extract = buildPaperExtract({
    schoolName: 'Школа № 1',
    guardianId: 'guardian-7',
    guardianName: null,
    students: [{ studentId: 'student-1', classId: '7Б', fullName: 'Иванов Пётр Сергеевич' }],
    notifications,
    issuedOn: '2026-12-04',
  });

  let text = '';
  let pdf: Buffer;

  beforeAll(async () => {
    pdf = await new ExtractPdfService().render([extract], 'Выписка');
    text = pdfText(pdf);
  });

  it('writes a PDF document', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('embeds the DejaVu font', () => {
    expect(pdf.toString('latin1')).toContain('DejaVuSans');
  });

  it.each([
    ['school name', 'Школа № 1'],
    ['guardian', 'Иванова Мария Петровна'],
    ['student and class', 'Обучающийся: Иванов Пётр, класс 7Б'],
    ['mark by subject', 'Математика: 5 (контрольная работа, 2 декабря 2026)'],
    ['final grade', 'Русский язык, 2 четверть 2026/2027: 4'],
    ['exam result', 'ВПР, История: 17 баллов, отметка 3'],
    ['deferral', 'Физика, 2 четверть 2026/2027: до 20 декабря 2026'],
    ['period', 'Период: 2 четверть 2026/2027'],
    ['date of issue', 'Дата выдачи: 4 декабря 2026'],
  ])('shows the %s', (_label, expected) => {
    expect(text).toContain(expected);
  });

  it('prints a notice for an empty batch', async () => {
    expect(pdfText(await new ExtractPdfService().render([], 'Пусто'))).toContain('Нет выписок, ожидающих печати.');
  });
});
