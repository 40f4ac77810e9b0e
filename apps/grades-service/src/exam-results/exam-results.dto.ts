import { z } from 'zod';
import { codedField, codedIssue } from '../http/coded-field';
import { FIELD_CODES } from '../http/error-codes';
import { batchField, dateTimeField, idField, numericMarkField, subjectField } from '../http/journal-fields';

export const examResultItemSchema = z
  .strictObject({
    examResultId: idField(),
    schoolId: idField(),
    classId: idField(),
    studentId: idField(),
    examKind: codedField(
      z.string().trim().min(1).max(100),
      FIELD_CODES.invalidExamKind,
      'Укажите вид экзамена, например ОГЭ, ЕГЭ или ВПР: непустая строка до 100 символов',
    ),
    subject: subjectField(),
    score: codedField(z.number().min(0).max(1000), FIELD_CODES.invalidScore, 'Балл: число от 0 до 1000').optional(),
    mark: numericMarkField().optional(),
    /** When the results were obtained; starts the three-day deadline for informing guardians. */
    resultsObtainedAt: dateTimeField(),
  })
  .superRefine((result, context) => {
    if (result.score === undefined && result.mark === undefined) {
      context.addIssue(codedIssue(FIELD_CODES.scoreOrMarkRequired, 'Укажите балл (score), отметку (mark) или оба', ['score']));
    }
  });
export type ExamResultItem = z.output<typeof examResultItemSchema>;

/** POST /v1/exam-results */
export const recordExamResultsSchema = z.strictObject({
  examResults: batchField(examResultItemSchema, 'examResultId', 'результатов экзаменов'),
});
export type RecordExamResultsRequest = z.output<typeof recordExamResultsSchema>;
