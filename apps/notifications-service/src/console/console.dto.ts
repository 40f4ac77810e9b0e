import { z } from 'zod';

/** A form field that may come once (a string) or several times (an array). */
const oneOrMany = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));

export const signInFormSchema = z.object({
  login: z.string().max(200).default(''),
  password: z.string().max(1000).default(''),
  _csrf: z.string().default(''),
});
export type SignInForm = z.infer<typeof signInFormSchema>;

export const failedActionFormSchema = z.object({
  action: z.enum(['retry', 'discard']),
  ids: oneOrMany.pipe(z.array(z.string().regex(/^n[0-9a-f]{31}$/)).max(1000)),
});
export type FailedActionForm = z.infer<typeof failedActionFormSchema>;

export const handOverFormSchema = z.object({
  guardianIds: oneOrMany.pipe(z.array(z.string().min(1).max(128)).max(1000)),
  handedOverOn: z.iso.date(),
});
export type HandOverForm = z.infer<typeof handOverFormSchema>;

export const logQuerySchema = z.object({
  guardianId: z.string().trim().max(128).optional(),
  studentId: z.string().trim().max(128).optional(),
});
export type LogQuery = z.infer<typeof logQuerySchema>;
