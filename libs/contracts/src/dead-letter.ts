import { z } from 'zod';
import { isoDateTimeSchema } from './primitives';

/** A consumed message that failed its bounded retries, kept for an operator to inspect. */
export const deadLetterSchema = z.object({
  sourceTopic: z.string().min(1),
  partition: z.number().int().min(0),
  offset: z.string().regex(/^\d+$/),
  key: z.string().nullable(),
  /** The original message value as received, decoded as UTF-8. */
  value: z.string(),
  errorCode: z.string().min(1),
  errorMessage: z.string(),
  attempts: z.number().int().min(1),
  consumerGroup: z.string().min(1),
  failedAt: isoDateTimeSchema,
});
export type DeadLetter = z.infer<typeof deadLetterSchema>;
