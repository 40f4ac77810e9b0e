import { z } from 'zod';
import {
  isoDateSchema,
  isoDateTimeSchema,
  markChangedSchema,
  markValueSchema,
  numericMarkSchema,
  reportingPeriodSchema,
} from '@ediary/contracts';
import { formatPeriod } from './ru-format';

const textSchema = z.string().trim().min(1);

const commonFields = {
  /** Full name as the school stores it, such as «Иванова Мария Петровна». */
  guardianName: textSchema,
  schoolName: textSchema,
};

/** Reporting period that also passes formatPeriod, which needs a number in range for its kind. */
const periodSchema = reportingPeriodSchema.superRefine((period, context) => {
  try {
    formatPeriod(period);
  } catch (error) {
    context.addIssue({ code: 'custom', path: ['number'], message: (error as Error).message });
  }
});

const markChangeFields = {
  subject: textSchema,
  /** Null only for a deleted mark whose value is no longer known. */
  value: markValueSchema.nullable(),
  assignmentType: textSchema,
  lessonDate: isoDateSchema,
  action: markChangedSchema.shape.action,
  /** The task was handed in late. */
  overdue: z.boolean(),
};

type MarkChangeFields = z.infer<z.ZodObject<typeof markChangeFields>>;

function requireValueUnlessDeleted(mark: MarkChangeFields, context: z.RefinementCtx): void {
  if (mark.value === null && mark.action !== 'deleted') {
    context.addIssue({ code: 'custom', path: ['value'], message: `a ${mark.action} mark needs a value` });
  }
}

const newMarkSchema = z
  .object({ ...commonFields, studentName: textSchema, ...markChangeFields })
  .superRefine(requireValueUnlessDeleted);

const examResultSchema = z
  .object({
    ...commonFields,
    studentName: textSchema,
    /** Kind of exam as the school names it: ОГЭ, ЕГЭ, ВПР. */
    examKind: textSchema,
    subject: textSchema,
    score: z.number().min(0).optional(),
    mark: numericMarkSchema.optional(),
    /** ISO 8601 with offset. The emails show the calendar date written in that offset. */
    resultsObtainedAt: isoDateTimeSchema,
  })
  .refine((result) => result.score !== undefined || result.mark !== undefined, {
    message: 'an exam result needs a score, a mark or both',
    path: ['score'],
  });

const finalGradeSchema = z.object({
  ...commonFields,
  studentName: textSchema,
  subject: textSchema,
  period: periodSchema,
  value: markValueSchema,
});

const deferralSchema = z.object({
  ...commonFields,
  studentName: textSchema,
  subject: textSchema,
  period: periodSchema,
  /** Last day of the deferral, by which the final grade is due. */
  deferredUntil: isoDateSchema,
});

const digestMarkSchema = z.object(markChangeFields).superRefine(requireValueUnlessDeleted);

const digestHomeworkSchema = z.object({ subject: textSchema, dueDate: isoDateSchema, text: textSchema });

const dailyDigestSchema = z.object({
  ...commonFields,
  /** Local date the digest covers. */
  date: isoDateSchema,
  children: z
    .array(z.object({ studentName: textSchema, marks: z.array(digestMarkSchema), homework: z.array(digestHomeworkSchema) }))
    .min(1),
});

/** Schemas of the data each notification kind is rendered from. */
export const TEMPLATE_DATA_SCHEMAS = {
  'new-mark': newMarkSchema,
  'exam-result': examResultSchema,
  'final-grade': finalGradeSchema,
  deferral: deferralSchema,
  'daily-digest': dailyDigestSchema,
} as const;

/** Kind of notification, which selects its templates. */
export type NotificationKind = 'new-mark' | 'exam-result' | 'final-grade' | 'deferral' | 'daily-digest';

export type NewMarkTemplateData = z.infer<typeof newMarkSchema>;
export type ExamResultTemplateData = z.infer<typeof examResultSchema>;
export type FinalGradeTemplateData = z.infer<typeof finalGradeSchema>;
export type DeferralTemplateData = z.infer<typeof deferralSchema>;
export type DailyDigestTemplateData = z.infer<typeof dailyDigestSchema>;

/** Data each notification kind is rendered from. */
export interface TemplateData {
  'new-mark': NewMarkTemplateData;
  'exam-result': ExamResultTemplateData;
  'final-grade': FinalGradeTemplateData;
  deferral: DeferralTemplateData;
  'daily-digest': DailyDigestTemplateData;
}

/** Error for template data with a missing or invalid field. */
export class InvalidTemplateDataError extends Error {
  readonly code = 'INVALID_TEMPLATE_DATA';

  constructor(
    readonly kind: NotificationKind,
    /** Paths of the rejected fields, such as children[0].marks[1].lessonDate. */
    readonly fields: readonly string[],
    details: string,
  ) {
    super(`Invalid data for the ${kind} notification: ${details}`);
    this.name = 'InvalidTemplateDataError';
  }
}

/** Formats a zod issue path the way it is written in code: children[0].marks[1].lessonDate. */
function formatFieldPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    text += typeof key === 'number' ? `[${key}]` : `${text === '' ? '' : '.'}${String(key)}`;
  }
  return text;
}

/**
 * Validates `data` for `kind` and returns it trimmed. Messages name fields and never repeat
 * their values, so the error may be logged without personal data.
 */
export function parseTemplateData<K extends NotificationKind>(kind: K, data: TemplateData[K]): TemplateData[K] {
  const result = TEMPLATE_DATA_SCHEMAS[kind].safeParse(data);
  if (result.success) {
    return result.data as TemplateData[K];
  }

  const fields = result.error.issues.map((issue) => formatFieldPath(issue.path) || '(root)');
  const details = result.error.issues.map((issue, index) => `${fields[index]}: ${issue.message}`).join('; ');
  throw new InvalidTemplateDataError(kind, fields, details);
}
