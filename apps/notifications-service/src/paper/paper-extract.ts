import type { MarkValue, ReportingPeriod } from '@ediary/contracts';
import type { Notification } from '../dispatch/notification.schema';
import type { GuardianStudent } from '../read-model/guardian.schema';
import { formatDateRu, formatMarkValue, formatNumberRu, formatPeriod, pluralRu } from '../templates/ru-format';

/** One mark line of an extract: «Математика: 5 (контрольная работа, 3 декабря 2026)». */
export interface ExtractMark {
  subject: string;
  value: string;
  note: string;
}

export interface ExtractFinalGrade {
  subject: string;
  period: string;
  value: string;
}

export interface ExtractExamResult {
  examKind: string;
  subject: string;
  result: string;
}

export interface ExtractDeferral {
  subject: string;
  period: string;
  deferredUntil: string;
}

export interface ExtractStudent {
  studentId: string;
  name: string;
  /** Class from the guardian read model, or «—» when the student is not listed there. */
  classId: string;
  marks: ExtractMark[];
  finalGrades: ExtractFinalGrade[];
  examResults: ExtractExamResult[];
  deferrals: ExtractDeferral[];
}

/** Everything printed on one guardian's paper extract. */
export interface PaperExtract {
  schoolName: string;
  guardianId: string;
  guardianName: string;
  /** Reporting periods named by final grades and deferrals, or the span of the included news. */
  period: string;
  issuedOn: string;
  students: ExtractStudent[];
  notificationIds: string[];
}

export interface ExtractInput {
  schoolName: string;
  guardianId: string;
  /** Full name from the read model; the notifications' own copy is used when it is null. */
  guardianName: string | null;
  students: GuardianStudent[];
  /** Paper notifications of this guardian waiting to be printed. */
  notifications: Notification[];
  /** Local calendar date of issue, YYYY-MM-DD. */
  issuedOn: string;
}

interface MarkData {
  subject: string;
  value: MarkValue | null;
  assignmentType: string;
  lessonDate: string;
  action: 'created' | 'updated' | 'deleted';
}

/** Template data fields this module reads; the dispatcher validated them when it stored the notification. */
interface StoredTemplateData {
  guardianName?: string;
  studentName?: string;
  subject?: string;
  value?: MarkValue | null;
  assignmentType?: string;
  lessonDate?: string;
  action?: MarkData['action'];
  period?: ReportingPeriod;
  examKind?: string;
  score?: number;
  mark?: number;
  deferredUntil?: string;
  date?: string;
  children?: { studentName: string; marks: MarkData[] }[];
}

const ACTION_NOTES: Record<MarkData['action'], string> = {
  created: '',
  updated: 'исправлена',
  deleted: 'удалена',
};

function describeMark(mark: MarkData): ExtractMark {
  const notes = [mark.assignmentType, formatDateRu(mark.lessonDate), ACTION_NOTES[mark.action]].filter(Boolean);
  return {
    subject: mark.subject,
    value: mark.value === null ? '—' : formatMarkValue(mark.value),
    note: notes.join(', '),
  };
}

function describeExam(data: StoredTemplateData): string {
  const parts: string[] = [];
  if (data.score !== undefined) parts.push(`${formatNumberRu(data.score)} ${pluralRu(data.score, ['балл', 'балла', 'баллов'])}`);
  if (data.mark !== undefined) parts.push(`отметка ${data.mark}`);
  return parts.join(', ');
}

/** Sort key that puts a student's lines in subject order, the way a school report lists them. */
const bySubject = <T extends { subject: string }>(left: T, right: T) => left.subject.localeCompare(right.subject, 'ru');

/**
 * Builds the extract of one guardian from their paper notifications. Each notification names
 * its students by id; the class comes from the read model and the name from the stored data.
 */
export function buildPaperExtract(input: ExtractInput): PaperExtract {
  const students = new Map<string, ExtractStudent>();
  const studentFor = (studentId: string, name: string | undefined): ExtractStudent => {
    let student = students.get(studentId);
    if (!student) {
      const known = input.students.find((candidate) => candidate.studentId === studentId);
      student = {
        studentId,
        name: name ?? known?.fullName ?? studentId,
        classId: known?.classId ?? '—',
        marks: [],
        finalGrades: [],
        examResults: [],
        deferrals: [],
      };
      students.set(studentId, student);
    }
    return student;
  };

  const periods = new Set<string>();
  let guardianName = input.guardianName;
  const createdDates: string[] = [];

  for (const notification of input.notifications) {
    const data = JSON.parse(notification.templateDataJson) as StoredTemplateData;
    guardianName ??= data.guardianName ?? null;
    createdDates.push(notification.createdAt.toISOString().slice(0, 10));

    if (notification.kind === 'daily-digest') {
      // A digest names children by name only; it lists them in the order of studentIds.
      (data.children ?? []).forEach((child, index) => {
        const studentId = notification.studentIds[index] ?? child.studentName;
        studentFor(studentId, child.studentName).marks.push(...child.marks.map(describeMark));
      });
      continue;
    }

    const student = studentFor(notification.studentIds[0] ?? data.studentName ?? '—', data.studentName);
    switch (notification.kind) {
      case 'new-mark':
        student.marks.push(describeMark(data as MarkData));
        break;
      case 'final-grade':
        if (data.period) periods.add(formatPeriod(data.period));
        student.finalGrades.push({
          subject: data.subject ?? '—',
          period: data.period ? formatPeriod(data.period) : '—',
          value: data.value === undefined || data.value === null ? '—' : formatMarkValue(data.value),
        });
        break;
      case 'exam-result':
        student.examResults.push({ examKind: data.examKind ?? '—', subject: data.subject ?? '—', result: describeExam(data) });
        break;
      case 'deferral':
        if (data.period) periods.add(formatPeriod(data.period));
        student.deferrals.push({
          subject: data.subject ?? '—',
          period: data.period ? formatPeriod(data.period) : '—',
          deferredUntil: data.deferredUntil ? formatDateRu(data.deferredUntil) : '—',
        });
        break;
    }
  }

  for (const student of students.values()) {
    student.marks.sort(bySubject);
    student.finalGrades.sort(bySubject);
    student.examResults.sort(bySubject);
    student.deferrals.sort(bySubject);
  }

  return {
    schoolName: input.schoolName,
    guardianId: input.guardianId,
    guardianName: guardianName ?? input.guardianId,
    period: periods.size > 0 ? [...periods].join('; ') : describeSpan(createdDates),
    issuedOn: formatDateRu(input.issuedOn),
    students: [...students.values()].sort((left, right) => left.name.localeCompare(right.name, 'ru')),
    notificationIds: input.notifications.map((notification) => notification.notificationId),
  };
}

/** «с 1 декабря 2026 по 3 декабря 2026», or a single date, from the creation dates of the news. */
function describeSpan(dates: string[]): string {
  if (dates.length === 0) return '—';
  const sorted = [...dates].sort();
  const first = sorted[0] as string;
  const last = sorted[sorted.length - 1] as string;
  return first === last ? formatDateRu(first) : `с ${formatDateRu(first)} по ${formatDateRu(last)}`;
}
