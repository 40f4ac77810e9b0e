import { z } from 'zod';
import { codedIssue } from '../http/coded-field';
import { FIELD_CODES } from '../http/error-codes';
import {
  assignmentTypeField,
  batchField,
  dateField,
  flagField,
  idField,
  markValueField,
  subjectField,
  weightField,
} from '../http/journal-fields';

export const markItemSchema = z.strictObject({
  markId: idField(),
  schoolId: idField(),
  classId: idField(),
  studentId: idField(),
  subject: subjectField(),
  lessonDate: dateField(),
  assignmentType: assignmentTypeField(),
  weight: weightField(),
  value: markValueField(),
  /** The task was handed in late. */
  overdue: flagField().optional(),
});
export type MarkItem = z.output<typeof markItemSchema>;

/** POST /v1/marks */
export const recordMarksSchema = z.strictObject({ marks: batchField(markItemSchema, 'markId', 'отметок') });
export type RecordMarksRequest = z.output<typeof recordMarksSchema>;

/** PUT /v1/marks/:markId: the fields a teacher may correct; at least one. */
export const correctMarkSchema = z
  .strictObject({
    value: markValueField().optional(),
    weight: weightField().optional(),
    assignmentType: assignmentTypeField().optional(),
    overdue: flagField().optional(),
  })
  .superRefine((correction, context) => {
    if (Object.values(correction).every((field) => field === undefined)) {
      context.addIssue(
        codedIssue(FIELD_CODES.emptyCorrection, 'Укажите хотя бы одно из полей value, weight, assignmentType, overdue', []),
      );
    }
  });
export type MarkCorrection = z.output<typeof correctMarkSchema>;

export const markIdParamSchema = z.object({ markId: idField() });
