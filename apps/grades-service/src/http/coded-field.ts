import { z } from 'zod';
import { FIELD_CODES } from './error-codes';

const REQUIRED_MESSAGE = 'Обязательное поле не заполнено';

/** Shows a rejected value in a message, cut short so that a long text does not flood the response. */
export function quoteValue(value: unknown): string {
  const text = typeof value === 'string' ? `«${value}»` : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Wraps a field schema so that any problem with the field becomes one issue with a stable
 * code and a Russian message; the shared 422 formatter passes both through. A missing
 * value gets the code REQUIRED. Append `.optional()` to the result for optional fields.
 */
export function codedField<Schema extends z.ZodType>(
  schema: Schema,
  code: string,
  message: string | ((value: unknown) => string),
) {
  return z.any().transform((value: unknown, context): z.output<Schema> => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const missing = value === undefined;
    context.issues.push({
      code: 'custom',
      input: value,
      message: missing ? REQUIRED_MESSAGE : typeof message === 'string' ? message : message(value),
      params: { code: missing ? FIELD_CODES.required : code },
    });
    return z.NEVER;
  });
}

/** A custom issue with a stable code, for checks that span several fields. */
export function codedIssue(code: string, message: string, path: PropertyKey[]) {
  return { code: 'custom' as const, message, path, params: { code } };
}
