import { z } from 'zod';
import { singleLineText } from './registration-fields';

/** Route parameters of /v1/guardians/:guardianId/…; the id is the contract's entity id. */
export const guardianParamsSchema = z.strictObject({ guardianId: singleLineText(128) });
export type GuardianParams = z.infer<typeof guardianParamsSchema>;
