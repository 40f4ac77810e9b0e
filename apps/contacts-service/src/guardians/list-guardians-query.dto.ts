import { z } from 'zod';
import { entityId } from './text-fields';

/** Query of GET /v1/guardians: the guardians of a class, optionally of one school only. */
export const listGuardiansQuerySchema = z.strictObject({
  classId: entityId(),
  schoolId: entityId().optional(),
});
export type ListGuardiansQuery = z.infer<typeof listGuardiansQuerySchema>;
