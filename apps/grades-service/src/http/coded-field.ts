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
 * code and a Russian message, which the shared 422 formatter passes through. A missing
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
    let text = REQUIRED_MESSAGE;
    if (!missing) text = typeof message === 'string' ? message : message(value);
    context.issues.push({
      code: 'custom',
      input: value,
      message: text,
      params: { code: missing ? FIELD_CODES.required : code },
    });
    return z.NEVER;
  });
}

/** Builds a custom issue with a stable code, for checks that span several fields. */
export function codedIssue(code: string, message: string, path: PropertyKey[]) {
  return { code: 'custom' as const, message, path, params: { code } };
}
