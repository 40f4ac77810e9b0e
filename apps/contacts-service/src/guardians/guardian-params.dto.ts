import { z } from 'zod';
import { entityId } from './text-fields';

/** Route parameters of /v1/guardians/:guardianId. */
export const guardianParamsSchema = z.strictObject({ guardianId: entityId() });
export type GuardianParams = z.infer<typeof guardianParamsSchema>;
