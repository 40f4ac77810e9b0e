import type { FieldProblem } from '@ediary/http-api';
import { quoteValue } from '../http/coded-field';
import { FIELD_CODES } from '../http/error-codes';
import { MAX_BATCH_ITEMS } from '../http/journal-fields';
import type { MarkItem } from '../marks/marks.dto';
import type { NetSchoolImportRequest } from './netschool-import.dto';

export interface MappedDiary {
  /** One mark per marked assignment and student, in diary order. */
  marks: MarkItem[];
  /** Assignments that carry no mark yet; they record nothing. */
  withoutMark: number;
  /** Every reason the diary cannot be imported; empty when `marks` may be stored. */
  problems: FieldProblem[];
}

/**
 * Builds the markId of an imported mark. It depends only on NetSchool's ids, so importing the
 * same diary again yields the same ids and records nothing new.
 */
export function netSchoolMarkId(assignmentId: number, netSchoolStudentId: number): string {
  return `netschool-${assignmentId}-${netSchoolStudentId}`;
}

function isNumericMark(value: unknown): value is 1 | 2 | 3 | 4 | 5 {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

function isValidWeight(value: unknown): value is number {
  return typeof value === 'number' && value > 0 && value <= 100;
}

function sameMark(left: MarkItem, right: MarkItem): boolean {
  return (Object.keys(left) as (keyof MarkItem)[]).every((field) => left[field] === right[field]);
}

/**
 * Turns a NetSchool diary into marks of the e-journal's API. Field paths in problems are
 * those of the request body, e.g. diary.weekDays[1].lessons[0].assignments[2].typeId.
 */
export function mapNetSchoolDiary(request: NetSchoolImportRequest): MappedDiary {
  const typeNames = new Map(request.assignmentTypes.map((type) => [type.id, type.name]));
  const marks: MarkItem[] = [];
  const firstPathOfMark = new Map<string, { path: string; mark: MarkItem }>();
  const problems: FieldProblem[] = [];
  let withoutMark = 0;

  request.diary.weekDays.forEach((day, dayIndex) => {
    day.lessons.forEach((lesson, lessonIndex) => {
      (lesson.assignments ?? []).forEach((assignment, assignmentIndex) => {
        const path = `diary.weekDays[${dayIndex}].lessons[${lessonIndex}].assignments[${assignmentIndex}]`;
        const problem = (field: string, code: string, message: string) => problems.push({ field: `${path}.${field}`, code, message });

        const assignmentType = typeNames.get(assignment.typeId);
        if (assignmentType === undefined) {
          problem('typeId', FIELD_CODES.unknownAssignmentType, `Неизвестный вид работы typeId ${assignment.typeId}: его нет в assignmentTypes`);
        }

        const mark = assignment.mark;
        if (mark === null || mark === undefined || mark.mark === null || mark.mark === undefined) {
          withoutMark += 1;
          return;
        }

        const assignmentMatches = mark.assignmentId === assignment.id;
        if (!assignmentMatches) {
          problem(
            'mark.assignmentId',
            FIELD_CODES.markAssignmentMismatch,
            `Отметка относится к заданию ${mark.assignmentId}, а находится в задании ${assignment.id}`,
          );
        }
        const studentId = request.studentIds[String(mark.studentId)];
        if (studentId === undefined) {
          problem('mark.studentId', FIELD_CODES.unknownStudent, `Ученик NetSchool ${mark.studentId} не сопоставлен: добавьте его в studentIds`);
        }
        const value = isNumericMark(mark.mark) ? mark.mark : null;
        if (value === null) {
          problem(
            'mark.mark',
            FIELD_CODES.invalidMark,
            `Недопустимая отметка ${quoteValue(mark.mark)} в задании ${assignment.id}: из NetSchool принимаются только целые числа от 1 до 5`,
          );
        }
        const weight = isValidWeight(assignment.weight) ? assignment.weight : null;
        if (weight === null) {
          problem(
            'weight',
            FIELD_CODES.invalidWeight,
            assignment.weight === undefined
              ? `У задания ${assignment.id} с отметкой не указан вес`
              : `Недопустимый вес ${quoteValue(assignment.weight)} задания ${assignment.id}: ожидается положительное число не больше 100`,
          );
        }
        if (!assignmentMatches || assignmentType === undefined || studentId === undefined || value === null || weight === null) return;

        const item: MarkItem = {
          markId: netSchoolMarkId(assignment.id, mark.studentId),
          schoolId: request.schoolId,
          classId: request.classId,
          studentId,
          subject: lesson.subjectName,
          lessonDate: lesson.day.slice(0, 10),
          assignmentType,
          weight,
          value,
          overdue: mark.dutyMark === true,
        };
        // NetSchool may list one assignment under several lessons; the same mark twice is one mark.
        const first = firstPathOfMark.get(item.markId);
        if (first) {
          if (!sameMark(first.mark, item)) {
            problem(
              'id',
              FIELD_CODES.duplicateIdInBatch,
              `Задание ${assignment.id} уже встречается в ${first.path} с другой отметкой или датой`,
            );
          }
          return;
        }
        firstPathOfMark.set(item.markId, { path, mark: item });
        marks.push(item);
      });
    });
  });

  if (marks.length > MAX_BATCH_ITEMS) {
    problems.push({
      field: 'diary.weekDays',
      code: FIELD_CODES.invalidBatchSize,
      message: `Дневник содержит ${marks.length} отметок, а за один импорт принимается не больше ${MAX_BATCH_ITEMS}; импортируйте его по частям`,
    });
  }
  return { marks, withoutMark, problems };
}
