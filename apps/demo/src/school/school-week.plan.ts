import type { SampleSchool, SampleStudent } from './sample-school.generator';
import { SeededRandom } from './seeded-random';

export interface MarkEntry {
  markId: string;
  schoolId: string;
  classId: string;
  studentId: string;
  subject: string;
  lessonDate: string;
  assignmentType: string;
  weight: number;
  value: number;
}

export interface HomeworkEntry {
  homeworkId: string;
  schoolId: string;
  classId: string;
  subject: string;
  assignedOn: string;
  dueDate: string;
  text: string;
}

export interface ReportingPeriodEntry {
  kind: 'quarter';
  number: number;
  schoolYear: string;
}

export interface FinalGradeEntry {
  finalGradeId: string;
  schoolId: string;
  classId: string;
  studentId: string;
  subject: string;
  period: ReportingPeriodEntry;
  value: number;
  resultsObtainedAt: string;
}

export interface DeferralEntry extends Omit<FinalGradeEntry, 'value'> {
  reason: 'illness';
  deferredUntil: string;
}

export interface ExamResultEntry {
  examResultId: string;
  schoolId: string;
  classId: string;
  studentId: string;
  examKind: string;
  subject: string;
  score: number;
  mark: number;
  resultsObtainedAt: string;
}

/** Body of POST /v1/imports/netschool. */
export interface NetSchoolImportBody {
  schoolId: string;
  classId: string;
  diary: Record<string, unknown>;
  assignmentTypes: { id: number; name: string; abbr: string }[];
  studentIds: Record<string, string>;
}

/** Everything the journal records in the demo week, in the order it is sent. */
export interface SchoolWeekPlan {
  /** Marks per school day, each day one POST /v1/marks. */
  markDays: MarkEntry[][];
  homeworkDays: HomeworkEntry[][];
  netSchoolImport: NetSchoolImportBody;
  /** Marks the NetSchool import must record. */
  netSchoolMarkCount: number;
  finalGrades: FinalGradeEntry[];
  deferrals: DeferralEntry[];
  examResults: ExamResultEntry[];
  /** The exam result whose results were obtained more than three days before it was sent. */
  lateExamResultId: string;
}

const SUBJECTS: Record<string, string[]> = {
  'class-7a': ['Алгебра', 'Русский язык', 'История', 'Биология', 'Английский язык'],
  'class-9b': ['Геометрия', 'Литература', 'Физика', 'Химия', 'Обществознание'],
};
const ASSIGNMENT_TYPES = [
  { id: 1, name: 'Домашняя работа', abbr: 'Д' },
  { id: 3, name: 'Контрольная работа', abbr: 'К' },
  { id: 7, name: 'Ответ на уроке', abbr: 'О' },
];
const HOMEWORK_TEXTS = ['Параграф 12, вопросы 1–5', 'Упражнение 214', 'Задачи № 301–305', 'Выучить определения на с. 48', 'Подготовить сообщение'];
const MARKS_PER_LESSON = 5;
/** Days from the lesson to the homework's due date: the week's first lesson is due on the demo day. */
const HOMEWORK_DAYS_TO_DUE = 5;
const API_MARK_DAYS = 3;
const MS_PER_DAY = 86_400_000;
/** Moscow has kept UTC+3 all year since 2014. */
const MOSCOW_OFFSET_MS = 3 * 3_600_000;

/** Returns the calendar date in Moscow, YYYY-MM-DD, `days` after `now`. */
function moscowDate(now: Date, days: number): string {
  return new Date(now.getTime() + MOSCOW_OFFSET_MS + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Formats a moment with Moscow's offset, e.g. 2026-12-04T09:30:00+03:00. */
export function moscowDateTime(at: Date): string {
  return `${new Date(at.getTime() + MOSCOW_OFFSET_MS).toISOString().slice(0, 19)}+03:00`;
}

function schoolYearOf(date: string): string {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 9 ? `${year}/${year + 1}` : `${year - 1}/${year}`;
}

/**
 * Plans a school week ending yesterday. It has three days of marks and homework through the
 * journal API, with homework due from today on, and two days of class 7А through a NetSchool
 * diary. It also has final grades of class 9Б in algebra with one deferral for illness, and a batch of exam results of class 9Б
 * with one result obtained five days ago, so that it arrives after its deadline.
 */
export function planSchoolWeek(school: SampleSchool, options: { seed: number; now: Date }): SchoolWeekPlan {
  const random = new SeededRandom(options.seed + 1);
  const { schoolId } = school;
  const dayOffsets = [-5, -4, -3, -2, -1];
  const days = dayOffsets.map((offset) => moscowDate(options.now, offset));
  const byClass = (classId: string) => school.students.filter((student) => student.classId === classId);

  const markDays: MarkEntry[][] = [];
  const homeworkDays: HomeworkEntry[][] = [];
  for (const [dayIndex, lessonDate] of days.slice(0, API_MARK_DAYS).entries()) {
    const marks: MarkEntry[] = [];
    const homework: HomeworkEntry[] = [];
    for (const schoolClass of school.classes) {
      const subjects = random.sample(SUBJECTS[schoolClass.classId] ?? [], 2);
      for (const subject of subjects) {
        for (const student of random.sample(byClass(schoolClass.classId), MARKS_PER_LESSON)) {
          const type = random.pick(ASSIGNMENT_TYPES);
          marks.push({
            markId: `mark-${lessonDate}-${student.studentId}-${marks.length}`,
            schoolId,
            classId: schoolClass.classId,
            studentId: student.studentId,
            subject,
            lessonDate,
            assignmentType: type.name,
            weight: type.id === 3 ? 2 : 1,
            value: random.int(2, 5),
          });
        }
        homework.push({
          homeworkId: `homework-${lessonDate}-${schoolClass.classId}-${homework.length}`,
          schoolId,
          classId: schoolClass.classId,
          subject,
          assignedOn: lessonDate,
          // The digest goes out on the demo day, so every task it lists is still ahead or due that day.
          dueDate: moscowDate(options.now, (dayOffsets[dayIndex] ?? 0) + HOMEWORK_DAYS_TO_DUE),
          text: random.pick(HOMEWORK_TEXTS),
        });
      }
    }
    markDays.push(marks);
    homeworkDays.push(homework);
  }

  const { body: netSchoolImport, markCount: netSchoolMarkCount } = buildNetSchoolDiary(
    schoolId,
    byClass('class-7a'),
    days.slice(API_MARK_DAYS),
    random,
  );

  const obtainedAt = moscowDateTime(new Date(options.now.getTime() - 3_600_000));
  const today = moscowDate(options.now, 0);
  const period: ReportingPeriodEntry = { kind: 'quarter', number: 2, schoolYear: schoolYearOf(today) };
  const older = byClass('class-9b');
  const [deferredStudent, ...graded] = older;
  const finalGrades = graded.map((student) => ({
    finalGradeId: `final-${student.studentId}-algebra`,
    schoolId,
    classId: student.classId,
    studentId: student.studentId,
    subject: 'Алгебра',
    period,
    value: random.int(3, 5),
    resultsObtainedAt: obtainedAt,
  }));
  const deferrals: DeferralEntry[] = deferredStudent
    ? [
        {
          finalGradeId: `final-${deferredStudent.studentId}-algebra`,
          schoolId,
          classId: deferredStudent.classId,
          studentId: deferredStudent.studentId,
          subject: 'Алгебра',
          period,
          reason: 'illness',
          deferredUntil: moscowDate(options.now, 14),
          resultsObtainedAt: obtainedAt,
        },
      ]
    : [];

  const examStudents = random.sample(older, 8);
  const lateObtainedAt = moscowDateTime(new Date(options.now.getTime() - 5 * MS_PER_DAY));
  const examResults = examStudents.map((student, index) => ({
    examResultId: `exam-${student.studentId}-oge-math`,
    schoolId,
    classId: student.classId,
    studentId: student.studentId,
    examKind: 'ОГЭ (пробный)',
    subject: 'Математика',
    score: random.int(8, 31),
    mark: random.int(3, 5),
    resultsObtainedAt: index === 0 ? lateObtainedAt : obtainedAt,
  }));

  return {
    markDays,
    homeworkDays,
    netSchoolImport,
    netSchoolMarkCount,
    finalGrades,
    deferrals,
    examResults,
    lateExamResultId: examResults[0]?.examResultId ?? '',
  };
}

/**
 * Builds a class diary in NetSchool's JSON shape: each lesson lists the same assignment
 * once per marked student, which NetSchool does for a student's own diary.
 */
function buildNetSchoolDiary(
  schoolId: string,
  students: SampleStudent[],
  days: string[],
  random: SeededRandom,
): { body: NetSchoolImportBody; markCount: number } {
  let assignmentId = 5_520_000;
  let meetingId = 990_000;
  let markCount = 0;
  const weekDays = days.map((day) => {
    const lessons = random.sample(SUBJECTS['class-7a'] ?? [], 2).map((subjectName, lessonIndex) => {
      assignmentId += 1;
      meetingId += 1;
      const type = random.pick(ASSIGNMENT_TYPES);
      const marked = random.sample(students, MARKS_PER_LESSON);
      markCount += marked.length;
      const assignments = marked.map((student) => ({
        id: assignmentId,
        typeId: type.id,
        assignmentName: `${type.name}, урок ${lessonIndex + 1}`,
        weight: type.id === 3 ? 2 : 1,
        dueDate: `${day}T00:00:00`,
        classMeetingId: meetingId,
        mark: { assignmentId, studentId: student.netSchoolId, mark: random.int(2, 5), dutyMark: random.chance(0.1) },
      }));
      return {
        classmeetingId: meetingId,
        day: `${day}T00:00:00`,
        number: lessonIndex + 1,
        startTime: lessonIndex === 0 ? '08:30' : '09:25',
        endTime: lessonIndex === 0 ? '09:15' : '10:10',
        subjectName,
        assignments,
      };
    });
    return { date: `${day}T00:00:00`, lessons };
  });

  const body: NetSchoolImportBody = {
    schoolId,
    classId: 'class-7a',
    diary: {
      weekStart: `${days[0]}T00:00:00`,
      weekEnd: `${days[days.length - 1]}T00:00:00`,
      termName: '2 четверть',
      className: '7А',
      weekDays,
    },
    assignmentTypes: ASSIGNMENT_TYPES,
    studentIds: Object.fromEntries(students.map((student) => [String(student.netSchoolId), student.studentId])),
  };
  return { body, markCount };
}
