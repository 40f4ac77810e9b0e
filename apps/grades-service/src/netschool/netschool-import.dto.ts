import { z } from 'zod';
import { entityIdSchema, isoDateSchema } from '@ediary/contracts';
import { codedField, quoteValue } from '../http/coded-field';
import { FIELD_CODES } from '../http/error-codes';
import { idField, subjectField } from '../http/journal-fields';

/**
 * The shape of NetSchool's («Сетевой город. Образование») student diary as its web API
 * returns it. Objects stay loose because NetSchool sends more fields than the import
 * reads. Whether a mark can be recorded is checked later by the mapper, so that one
 * response lists every problem of the diary.
 */

/** NetSchool writes dates as 2026-12-07T00:00:00, without an offset. */
const netSchoolDate = () =>
  codedField(
    z.string().refine((value) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+)?$/.test(value) && isoDateSchema.safeParse(value.slice(0, 10)).success),
    FIELD_CODES.invalidDate,
    (value) => `Неверная дата NetSchool ${quoteValue(value)}: ожидается 2026-12-07 или 2026-12-07T00:00:00`,
  );

const netSchoolId = () =>
  codedField(z.number().int().nonnegative(), FIELD_CODES.invalidDiary, (value) => `Ожидается целочисленный идентификатор NetSchool, получено ${quoteValue(value)}`);

const diaryText = () => codedField(z.string(), FIELD_CODES.invalidDiary, 'Ожидается строка');

const netSchoolMarkSchema = z.looseObject({
  assignmentId: netSchoolId(),
  studentId: netSchoolId(),
  /** Checked by the mapper: only 1–5 are accepted, and null means no mark yet. */
  mark: z.unknown().optional(),
  /** The task is overdue (a «точка» in NetSchool). */
  dutyMark: codedField(z.boolean(), FIELD_CODES.invalidFlag, 'Ожидается true или false').optional(),
});

const netSchoolAssignmentSchema = z.looseObject({
  id: netSchoolId(),
  typeId: netSchoolId(),
  assignmentName: diaryText().optional(),
  /** Checked by the mapper for assignments that carry a mark. */
  weight: codedField(z.number(), FIELD_CODES.invalidWeight, 'Вес задания: ожидается число').optional(),
  dueDate: netSchoolDate().optional(),
  mark: netSchoolMarkSchema.nullable().optional(),
  markComment: z.looseObject({ name: diaryText().optional() }).nullable().optional(),
});

const netSchoolLessonSchema = z.looseObject({
  classmeetingId: netSchoolId(),
  day: netSchoolDate(),
  number: codedField(z.number().int(), FIELD_CODES.invalidDiary, 'Номер урока: целое число').optional(),
  room: diaryText().nullable().optional(),
  startTime: diaryText().optional(),
  endTime: diaryText().optional(),
  subjectName: subjectField(),
  /** NetSchool leaves the array out for a lesson without tasks. */
  assignments: z.array(netSchoolAssignmentSchema).optional(),
});

const netSchoolDiarySchema = z.looseObject({
  weekStart: netSchoolDate(),
  weekEnd: netSchoolDate(),
  termName: diaryText().optional(),
  className: diaryText().optional(),
  weekDays: z
    .array(z.looseObject({ date: netSchoolDate(), lessons: z.array(netSchoolLessonSchema) }))
    .max(31, 'Дневник охватывает больше 31 дня; импортируйте его по неделям'),
});
export type NetSchoolDiary = z.output<typeof netSchoolDiarySchema>;

const assignmentTypeSchema = z.looseObject({
  id: netSchoolId(),
  name: codedField(z.string().trim().min(1).max(200), FIELD_CODES.invalidAssignmentType, 'Название вида работы: непустая строка до 200 символов'),
  abbr: diaryText().optional(),
});
export type NetSchoolAssignmentType = z.output<typeof assignmentTypeSchema>;

/** POST /v1/imports/netschool */
export const netSchoolImportSchema = z.strictObject({
  schoolId: idField(),
  /** Our classId of the diary's class; NetSchool's className is informational only. */
  classId: idField(),
  diary: netSchoolDiarySchema,
  /** NetSchool's list of assignment types, e.g. { id: 3, name: 'Контрольная работа', abbr: 'К' }. */
  assignmentTypes: z.array(assignmentTypeSchema).max(500),
  /** NetSchool student id (digits) → our studentId. */
  studentIds: codedField(
    z.record(z.string().regex(/^\d+$/), entityIdSchema),
    FIELD_CODES.invalidStudentMapping,
    'studentIds: объект вида { "40517": "наш studentId" }, где ключ — идентификатор ученика в NetSchool',
  ),
});
export type NetSchoolImportRequest = z.output<typeof netSchoolImportSchema>;
