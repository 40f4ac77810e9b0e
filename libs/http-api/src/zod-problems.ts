import type { z } from 'zod';
import type { FieldProblem } from './api-error';

/** Formats a zod path as the client wrote it: marks[2].value. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text ? `${text}.${String(key)}` : String(key);
  }, '');
}

/**
 * Russian text for a zod issue. Schemas set their own message where a generic one would
 * not help; those messages (non-ASCII) pass through unchanged.
 */
function russianMessage(issue: z.core.$ZodIssue): string {
  if (/[А-Яа-яЁё]/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'Обязательное поле не заполнено' : `Неверный тип значения: ожидается ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'string' ? `Слишком короткое значение: минимум ${String(issue.minimum)} символов` : `Значение меньше допустимого минимума ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string' ? `Слишком длинное значение: максимум ${String(issue.maximum)} символов` : `Значение больше допустимого максимума ${String(issue.maximum)}`;
    case 'invalid_value':
      return `Недопустимое значение; допустимы: ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return `Неверный формат значения (${issue.format})`;
    case 'unrecognized_keys':
      return `Неизвестные поля: ${issue.keys.join(', ')}`;
    default:
      return 'Недопустимое значение';
  }
}

function problemCode(issue: z.core.$ZodIssue): string {
  if (issue.code === 'custom' && typeof issue.params?.['code'] === 'string') return issue.params['code'];
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'REQUIRED';
  return `INVALID_${issue.code.toUpperCase()}`;
}

export function toFieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: formatFieldPath(issue.path),
    code: problemCode(issue),
    message: russianMessage(issue),
  }));
}
