import { problemAt } from '../testing/field-problems';
import fixture from './fixtures/diary-week-7a.json';
import { mapNetSchoolDiary, netSchoolMarkId } from './netschool-diary.mapper';
import { netSchoolImportSchema, type NetSchoolImportRequest } from './netschool-import.dto';

const NETSCHOOL_STUDENT = 40517;

/** The diary as plain JSON, loose enough for a test to break any field. */
interface DiaryMark {
  assignmentId: number;
  studentId: number;
  mark: unknown;
  dutyMark?: boolean;
}
interface DiaryAssignment {
  id: number;
  typeId: number;
  weight?: unknown;
  mark?: DiaryMark | null;
}
interface DiaryLesson {
  assignments?: DiaryAssignment[];
}
interface ImportBody {
  diary: { weekDays: { date: string; lessons: DiaryLesson[] }[] };
  assignmentTypes: unknown[];
  studentIds: Record<string, string>;
}

function lessonAt(body: ImportBody, day: number, lesson: number): DiaryLesson {
  const found = body.diary.weekDays[day]?.lessons[lesson];
  if (!found) throw new Error(`the fixture has no lesson ${lesson} on day ${day}`);
  return found;
}

function assignmentAt(body: ImportBody, day: number, lesson: number, index: number): DiaryAssignment {
  const found = lessonAt(body, day, lesson).assignments?.[index];
  if (!found) throw new Error(`the fixture has no assignment ${index} in lesson ${lesson} on day ${day}`);
  return found;
}

function markOf(assignment: DiaryAssignment): DiaryMark {
  if (!assignment.mark) throw new Error(`assignment ${assignment.id} of the fixture has no mark`);
  return assignment.mark;
}

/** The fixture diary as the import endpoint receives it, with one change applied. */
function importRequest(change: (body: ImportBody) => void = () => undefined): NetSchoolImportRequest {
  const body = {
    schoolId: 'school-17',
    classId: '7a',
    studentIds: { [String(NETSCHOOL_STUDENT)]: 'student-ivanova' },
    ...(structuredClone(fixture) as unknown as Omit<ImportBody, 'studentIds'>),
  };
  change(body);
  return netSchoolImportSchema.parse(body);
}

/** The first assignment of the first lesson on Monday: a test of weight 2 marked 4. */
const MONDAY_TEST = (body: ImportBody) => assignmentAt(body, 0, 0, 0);
const MONDAY_TEST_PATH = 'diary.weekDays[0].lessons[0].assignments[0]';

describe('mapNetSchoolDiary', () => {
  it('accepts the fixture without problems', () => {
    expect(mapNetSchoolDiary(importRequest()).problems).toEqual([]);
  });

  it('maps every marked assignment of the fixture', () => {
    const { marks } = mapNetSchoolDiary(importRequest());

    expect(marks.map((mark) => [mark.markId, mark.value])).toEqual([
      ['netschool-5510001-40517', 4],
      ['netschool-5510003-40517', 5],
      ['netschool-5510004-40517', 3],
      ['netschool-5510005-40517', 5],
      ['netschool-5510006-40517', 4],
      ['netschool-5510008-40517', 5],
      ['netschool-5510009-40517', 2],
    ]);
  });

  it('maps one mark field by field', () => {
    const [mark] = mapNetSchoolDiary(importRequest()).marks;

    expect(mark).toEqual({
      markId: 'netschool-5510001-40517',
      schoolId: 'school-17',
      classId: '7a',
      studentId: 'student-ivanova',
      subject: 'Алгебра',
      lessonDate: '2026-12-07',
      assignmentType: 'Контрольная работа',
      weight: 2,
      value: 4,
      overdue: false,
    });
  });

  it('counts assignments without a mark and records nothing for them', () => {
    const mapped = mapNetSchoolDiary(importRequest());

    expect(mapped.withoutMark).toBe(2);
    expect(mapped.marks.map((mark) => mark.markId)).not.toContain('netschool-5510002-40517');
    expect(mapped.marks.map((mark) => mark.markId)).not.toContain('netschool-5510007-40517');
  });

  it('marks an overdue task from dutyMark', () => {
    const history = mapNetSchoolDiary(importRequest()).marks.find((mark) => mark.markId === 'netschool-5510006-40517');

    expect(history?.overdue).toBe(true);
  });

  it('keeps a fractional weight', () => {
    const geometry = mapNetSchoolDiary(importRequest()).marks.find((mark) => mark.markId === 'netschool-5510009-40517');

    expect(geometry?.weight).toBe(1.5);
  });

  it('yields the same marks for the same diary twice', () => {
    expect(mapNetSchoolDiary(importRequest())).toEqual(mapNetSchoolDiary(importRequest()));
  });

  it('builds the markId from NetSchool ids only', () => {
    expect(netSchoolMarkId(5510001, 40517)).toBe('netschool-5510001-40517');
  });

  it('names an unknown typeId', () => {
    const mapped = mapNetSchoolDiary(importRequest((body) => (MONDAY_TEST(body).typeId = 99)));

    const problem = problemAt(mapped.problems, `${MONDAY_TEST_PATH}.typeId`);
    expect(problem.code).toBe('UNKNOWN_ASSIGNMENT_TYPE');
    expect(problem.message).toBe('Неизвестный вид работы typeId 99: его нет в assignmentTypes');
  });

  it('names an unknown typeId of an assignment without a mark', () => {
    const mapped = mapNetSchoolDiary(importRequest((body) => (assignmentAt(body, 0, 0, 1).typeId = 99)));

    expect(problemAt(mapped.problems, 'diary.weekDays[0].lessons[0].assignments[1].typeId').code).toBe('UNKNOWN_ASSIGNMENT_TYPE');
  });

  it.each([6, 0, 4.5, '5', 'н', true])('rejects the mark value %p', (value) => {
    const mapped = mapNetSchoolDiary(importRequest((body) => (markOf(MONDAY_TEST(body)).mark = value)));

    const problem = problemAt(mapped.problems, `${MONDAY_TEST_PATH}.mark.mark`);
    expect(problem.code).toBe('INVALID_MARK');
    expect(problem.message).toContain('задании 5510001');
    expect(mapped.marks.map((mark) => mark.markId)).not.toContain('netschool-5510001-40517');
  });

  it('records nothing for a mark object whose value is null', () => {
    const mapped = mapNetSchoolDiary(importRequest((body) => (markOf(MONDAY_TEST(body)).mark = null)));

    expect(mapped.problems).toEqual([]);
    expect(mapped.withoutMark).toBe(3);
  });

  it('records nothing for a null mark object', () => {
    const mapped = mapNetSchoolDiary(importRequest((body) => (MONDAY_TEST(body).mark = null)));

    expect(mapped.problems).toEqual([]);
    expect(mapped.marks).toHaveLength(6);
  });

  it('names a student missing from studentIds', () => {
    const mapped = mapNetSchoolDiary(importRequest((body) => (markOf(MONDAY_TEST(body)).studentId = 40999)));

    const problem = problemAt(mapped.problems, `${MONDAY_TEST_PATH}.mark.studentId`);
    expect(problem.code).toBe('UNKNOWN_STUDENT');
    expect(problem.message).toContain('40999');
  });

  it('rejects a mark filed under another assignment', () => {
    const mapped = mapNetSchoolDiary(importRequest((body) => (markOf(MONDAY_TEST(body)).assignmentId = 5510002)));

    expect(problemAt(mapped.problems, `${MONDAY_TEST_PATH}.mark.assignmentId`).code).toBe('MARK_ASSIGNMENT_MISMATCH');
  });

  it('rejects a zero weight of a marked assignment', () => {
    const mapped = mapNetSchoolDiary(importRequest((body) => (MONDAY_TEST(body).weight = 0)));

    expect(problemAt(mapped.problems, `${MONDAY_TEST_PATH}.weight`).code).toBe('INVALID_WEIGHT');
  });

  it('ignores the weight of an assignment without a mark', () => {
    const mapped = mapNetSchoolDiary(importRequest((body) => (assignmentAt(body, 0, 0, 1).weight = 0)));

    expect(mapped.problems).toEqual([]);
  });

  it('lists every problem of the diary', () => {
    const mapped = mapNetSchoolDiary(
      importRequest((body) => {
        markOf(MONDAY_TEST(body)).mark = 7;
        assignmentAt(body, 4, 0, 0).typeId = 42;
      }),
    );

    expect(mapped.problems.map((problem) => problem.field)).toEqual([
      `${MONDAY_TEST_PATH}.mark.mark`,
      'diary.weekDays[4].lessons[0].assignments[0].typeId',
    ]);
  });

  it('maps an assignment listed under two lessons once', () => {
    const mapped = mapNetSchoolDiary(
      importRequest((body) => lessonAt(body, 0, 0).assignments?.push(structuredClone(MONDAY_TEST(body)))),
    );

    expect(mapped.problems).toEqual([]);
    expect(mapped.marks.filter((mark) => mark.markId === 'netschool-5510001-40517')).toHaveLength(1);
  });

  it('rejects one assignment listed with two different marks', () => {
    const mapped = mapNetSchoolDiary(
      importRequest((body) => {
        const copy = structuredClone(MONDAY_TEST(body));
        markOf(copy).mark = 2;
        lessonAt(body, 1, 0).assignments?.push(copy);
      }),
    );

    const problem = problemAt(mapped.problems, 'diary.weekDays[1].lessons[0].assignments[1].id');
    expect(problem.code).toBe('DUPLICATE_ID_IN_BATCH');
    expect(problem.message).toContain(MONDAY_TEST_PATH);
  });

  it('rejects a diary of more than 500 marks', () => {
    const mapped = mapNetSchoolDiary(
      importRequest((body) => {
        const template = MONDAY_TEST(body);
        lessonAt(body, 0, 0).assignments?.push(
          ...Array.from({ length: 500 }, (_, index) => ({
            ...structuredClone(template),
            id: 7000000 + index,
            mark: { ...markOf(template), assignmentId: 7000000 + index },
          })),
        );
      }),
    );

    const problem = problemAt(mapped.problems, 'diary.weekDays');
    expect(problem.code).toBe('INVALID_BATCH_SIZE');
    expect(problem.message).toContain('507 отметок');
  });
});
