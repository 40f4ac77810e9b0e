import { z } from 'zod';
import { entityIdSchema, isoDateSchema, isoDateTimeSchema, markValueSchema, numericMarkSchema } from './primitives';

const studentRefSchema = z.object({
  schoolId: entityIdSchema,
  classId: entityIdSchema,
  studentId: entityIdSchema,
});

/** A mark recorded, corrected or deleted in the e-journal. */
export const markChangedSchema = studentRefSchema.extend({
  markId: entityIdSchema,
  action: z.enum(['recorded', 'corrected', 'deleted']),
  subject: z.string().trim().min(1).max(200),
  lessonDate: isoDateSchema,
  assignmentType: z.string().trim().min(1).max(200),
  weight: z.number().positive().max(100),
  /** Absent only when the mark was deleted. */
  value: markValueSchema.optional(),
  /** The task was handed in late (NetSchool's dutyMark). */
  overdue: z.boolean().default(false),
  changedAt: isoDateTimeSchema,
});
export type MarkChanged = z.infer<typeof markChangedSchema>;

export const homeworkAssignedSchema = z.object({
  schoolId: entityIdSchema,
  classId: entityIdSchema,
  homeworkId: entityIdSchema,
  subject: z.string().trim().min(1).max(200),
  assignedOn: isoDateSchema,
  dueDate: isoDateSchema,
  text: z.string().trim().min(1).max(4000),
});
export type HomeworkAssigned = z.infer<typeof homeworkAssignedSchema>;

export const REPORTING_PERIOD_KINDS = ['quarter', 'trimester', 'half-year', 'year'] as const;

export const reportingPeriodSchema = z.object({
  kind: z.enum(REPORTING_PERIOD_KINDS),
  /** Ordinal within the school year; absent for the year itself. */
  number: z.number().int().min(1).max(4).optional(),
  /** School year such as "2026/2027". */
  schoolYear: z.string().regex(/^\d{4}\/\d{4}$/, 'expected a school year such as 2026/2027'),
});
export type ReportingPeriod = z.infer<typeof reportingPeriodSchema>;

/**
 * A final grade for a reporting period, or its deferral because the student was ill.
 * resultsObtainedAt starts the three-day publication deadline.
 */
export const finalGradeChangedSchema = studentRefSchema.extend({
  finalGradeId: entityIdSchema,
  subject: z.string().trim().min(1).max(200),
  period: reportingPeriodSchema,
  resultsObtainedAt: isoDateTimeSchema,
  outcome: z.discriminatedUnion('status', [
    z.object({ status: z.literal('graded'), value: markValueSchema }),
    z.object({ status: z.literal('deferred'), reason: z.literal('illness'), deferredUntil: isoDateSchema }),
  ]),
});
export type FinalGradeChanged = z.infer<typeof finalGradeChangedSchema>;

/** An exam result; resultsObtainedAt starts the three-day publication deadline. */
export const examResultRecordedSchema = studentRefSchema
  .extend({
    examResultId: entityIdSchema,
    examKind: z.string().trim().min(1).max(100),
    subject: z.string().trim().min(1).max(200),
    score: z.number().min(0).max(1000).optional(),
    mark: numericMarkSchema.optional(),
    resultsObtainedAt: isoDateTimeSchema,
  })
  .refine((result) => result.score !== undefined || result.mark !== undefined, {
    message: 'an exam result needs a score, a mark or both',
    path: ['score'],
  });
export type ExamResultRecorded = z.infer<typeof examResultRecordedSchema>;
