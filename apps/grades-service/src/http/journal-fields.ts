import { z } from 'zod';
import { entityIdSchema, isoDateSchema, isoDateTimeSchema, markValueSchema, numericMarkSchema } from '@ediary/contracts';
import { codedField, codedIssue, quoteValue } from './coded-field';
import { FIELD_CODES } from './error-codes';

/**
 * Most items one batch request may carry.
 * NOTE: express's default JSON body limit of 100 kB (left as is by libs/bootstrap) rejects
 * 500 typical marks, about 123 kB, with 413 before validation.
 */
export const MAX_BATCH_ITEMS = 500;

export const idField = () =>
  codedField(entityIdSchema, FIELD_CODES.invalidId, 'Ожидается идентификатор: непустая строка до 128 символов');

export const dateField = () =>
  codedField(isoDateSchema, FIELD_CODES.invalidDate, (value) => `Неверная дата ${quoteValue(value)}: ожидается ГГГГ-ММ-ДД, например 2026-12-03`);

export const dateTimeField = () =>
  codedField(
    isoDateTimeSchema,
    FIELD_CODES.invalidDateTime,
    (value) => `Неверные дата и время ${quoteValue(value)}: ожидается формат 2026-12-03T10:15:00+03:00 со смещением часового пояса`,
  );

export const subjectField = () =>
  codedField(z.string().trim().min(1).max(200), FIELD_CODES.invalidSubject, 'Укажите предмет: непустая строка до 200 символов');

export const markValueField = () =>
  codedField(
    markValueSchema,
    FIELD_CODES.invalidMark,
    (value) => `Недопустимая отметка ${quoteValue(value)}: ожидается целое число от 1 до 5 или код н, осв, зач, незач, н/а`,
  );

export const numericMarkField = () =>
  codedField(numericMarkSchema, FIELD_CODES.invalidMark, (value) => `Недопустимая отметка ${quoteValue(value)}: ожидается целое число от 1 до 5`);

export const weightField = () =>
  codedField(
    z.number().positive().max(100),
    FIELD_CODES.invalidWeight,
    (value) => `Недопустимый вес отметки ${quoteValue(value)}: ожидается положительное число не больше 100`,
  );

export const assignmentTypeField = () =>
  codedField(
    z.string().trim().min(1).max(200),
    FIELD_CODES.invalidAssignmentType,
    'Укажите вид работы, например «Контрольная работа»: непустая строка до 200 символов',
  );

export const flagField = () => codedField(z.boolean(), FIELD_CODES.invalidFlag, 'Ожидается true или false');

/**
 * Builds the array field of one batch request: 1 to MAX_BATCH_ITEMS items, each validated
 * by `item`, with no id given twice. `noun` is the Russian genitive plural, e.g. "отметок".
 */
export function batchField<Item extends z.ZodType>(item: Item, idKey: keyof z.output<Item> & string, noun: string) {
  return codedField(
    z.array(z.unknown()).min(1).max(MAX_BATCH_ITEMS),
    FIELD_CODES.invalidBatchSize,
    `Ожидается массив от 1 до ${MAX_BATCH_ITEMS} ${noun}`,
  )
    .pipe(z.array(item))
    .superRefine((items, context) => {
      const firstIndex = new Map<unknown, number>();
      items.forEach((entry, index) => {
        const id = (entry as Record<string, unknown>)[idKey];
        const first = firstIndex.get(id);
        if (first === undefined) {
          firstIndex.set(id, index);
          return;
        }
        context.addIssue(
          codedIssue(FIELD_CODES.duplicateIdInBatch, `${idKey} ${quoteValue(id)} уже передан в элементе ${first}; каждый элемент запроса должен иметь свой ${idKey}`, [
            index,
            idKey,
          ]),
        );
      });
    });
}
