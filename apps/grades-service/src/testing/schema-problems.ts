import { toFieldProblems, type FieldProblem } from '@ediary/http-api';
import type { z } from 'zod';

/** The 422 details that the API would return for an input the schema rejects. */
export function problemsOf(schema: z.ZodType, input: unknown): FieldProblem[] {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected the input to be rejected');
  return toFieldProblems(result.error);
}
