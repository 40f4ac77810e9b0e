/** The form that error messages show to the operator. */
export const RUSSIAN_PHONE_EXAMPLE = '+7 921 123-45-67';

/** Spaces (also no-break ones) around at most one hyphen or en dash between digit groups. */
const SEPARATOR = '[ \\u00A0]*[-\\u2013]?[ \\u00A0]*';

/**
 * Trunk prefix +7, 7 or 8, a three-digit code (optionally in parentheses), then 3-2-2
 * digits. Groups may also run together, as in 89211234567 or 7 921 1234567.
 */
const RUSSIAN_PHONE = new RegExp(
  `^(?:\\+7|7|8)${SEPARATOR}(?:\\((\\d{3})\\)|(\\d{3}))${SEPARATOR}(\\d{3})${SEPARATOR}(\\d{2})${SEPARATOR}(\\d{2})$`,
);

/** Leading and trailing spaces only; String.trim would also drop a line break, which must be rejected. */
const OUTER_SPACES = /^[ \u00A0]+|[ \u00A0]+$/g;

/** Codes of the +7 zone start with 3, 4, 8 or 9 (Russia) or 6 and 7 (Kazakhstan); 0, 1, 2 and 5 are unassigned. */
const ASSIGNED_CODE = /^[346789]/;

/**
 * Converts a phone number written in one of the usual Russian forms, such as
 * `8 (921) 123-45-67`, `+7 921 123 45 67` or `89211234567`, to E.164 (`+79211234567`).
 * Returns null for anything else, including numbers without the trunk prefix and
 * numbers of other countries.
 */
export function normalizeRussianPhone(input: string): string | null {
  const match = RUSSIAN_PHONE.exec(input.replace(OUTER_SPACES, ''));
  if (!match) return null;
  const [, bracketedCode, plainCode, exchange, pair1, pair2] = match;
  const code = bracketedCode ?? plainCode ?? '';
  if (!ASSIGNED_CODE.test(code)) return null;
  return `+7${code}${exchange}${pair1}${pair2}`;
}
