import { z } from 'zod';
import { codedField, codedIssue } from '../http/coded-field';
import { FIELD_CODES } from '../http/error-codes';
import { batchField, dateField, idField, subjectField } from '../http/journal-fields';

export const homeworkItemSchema = z
  .strictObject({
    homeworkId: idField(),
    schoolId: idField(),
    classId: idField(),
    subject: subjectField(),
    assignedOn: dateField(),
    dueDate: dateField(),
    text: codedField(
      z.string().trim().min(1).max(4000),
      FIELD_CODES.invalidHomeworkText,
      'Текст задания: от 1 до 4000 символов без начальных и конечных пробелов',
    ),
  })
  .superRefine((homework, context) => {
    // Both dates are YYYY-MM-DD, so comparing the strings compares the dates.
    if (homework.dueDate < homework.assignedOn) {
      context.addIssue(
        codedIssue(
          FIELD_CODES.dueDateBeforeAssigned,
          `Срок сдачи ${homework.dueDate} раньше даты выдачи задания ${homework.assignedOn}`,
          ['dueDate'],
        ),
      );
    }
  });
export type HomeworkItem = z.output<typeof homeworkItemSchema>;

/** POST /v1/homework */
export const assignHomeworkSchema = z.strictObject({ homework: batchField(homeworkItemSchema, 'homeworkId', 'заданий') });
export type AssignHomeworkRequest = z.output<typeof assignHomeworkSchema>;
