import { z } from 'zod';
import { codedField } from './coded-field';
import { FIELD_CODES } from './error-codes';
import { idField } from './journal-fields';

export const MAX_PAGE_SIZE = 200;
const DEFAULT_PAGE_SIZE = 50;

/** Query of the operators' list endpoints: one student's records, newest stored first. */
export const studentListQuerySchema = z.object({
  studentId: idField(),
  limit: codedField(
    z.coerce.number().int().min(1).max(MAX_PAGE_SIZE),
    FIELD_CODES.invalidLimit,
    `Параметр limit: целое число от 1 до ${MAX_PAGE_SIZE}`,
  ).optional(),
  /** The nextCursor of the previous page. */
  cursor: codedField(
    z.string().regex(/^[0-9a-f]{24}$/),
    FIELD_CODES.invalidCursor,
    'Параметр cursor: передайте значение nextCursor из предыдущего ответа',
  ).optional(),
}).transform((query) => ({ ...query, limit: query.limit ?? DEFAULT_PAGE_SIZE }));
export type StudentListQuery = z.output<typeof studentListQuerySchema>;

/** One page of a list; nextCursor is null on the last page. */
export interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}
