import { z } from 'zod';
import { codedField, codedIssue } from '../http/coded-field';
import { FIELD_CODES } from '../http/error-codes';
import { batchField, dateField, dateTimeField, idField, markValueField, subjectField } from '../http/journal-fields';
import { periodField } from '../http/period-field';

const finalGradeFields = {
  finalGradeId: idField(),
  schoolId: idField(),
  classId: idField(),
  studentId: idField(),
  subject: subjectField(),
  period: periodField(),
};

export const finalGradeItemSchema = z.strictObject({
  ...finalGradeFields,
  value: markValueField(),
  /** When the grade was set; starts the three-day deadline for informing guardians. */
  resultsObtainedAt: dateTimeField(),
});
export type FinalGradeItem = z.output<typeof finalGradeItemSchema>;

/** POST /v1/final-grades */
export const recordFinalGradesSchema = z.strictObject({
  finalGrades: batchField(finalGradeItemSchema, 'finalGradeId', 'итоговых отметок'),
});
export type RecordFinalGradesRequest = z.output<typeof recordFinalGradesSchema>;

export const deferralItemSchema = z
  .strictObject({
    ...finalGradeFields,
    reason: codedField(z.literal('illness'), FIELD_CODES.invalidDeferralReason, 'Итоговая отметка откладывается только по болезни: reason = illness'),
    deferredUntil: dateField(),
    /** When the decision to defer was taken. */
    resultsObtainedAt: dateTimeField(),
  })
  .superRefine((deferral, context) => {
    // The date as written in the timestamp's own offset, i.e. the school's calendar day.
    const decidedOn = deferral.resultsObtainedAt.slice(0, 10);
    if (deferral.deferredUntil <= decidedOn) {
      context.addIssue(
        codedIssue(
          FIELD_CODES.deferredUntilTooEarly,
          `Дата окончания отсрочки ${deferral.deferredUntil} должна быть позже даты решения ${decidedOn}`,
          ['deferredUntil'],
        ),
      );
    }
  });
export type DeferralItem = z.output<typeof deferralItemSchema>;

/** POST /v1/final-grades/deferrals */
export const deferFinalGradesSchema = z.strictObject({
  deferrals: batchField(deferralItemSchema, 'finalGradeId', 'отсрочек'),
});
export type DeferFinalGradesRequest = z.output<typeof deferFinalGradesSchema>;
