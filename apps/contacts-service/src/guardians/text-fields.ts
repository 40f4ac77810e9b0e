import { z } from 'zod';
import { CONTACTS_ERROR_CODES } from './guardians.errors';
import { containsLineBreak } from './line-breaks';

/**
 * Creates a string schema that rejects line breaks. It runs before any trimming, so a
 * trailing line break is rejected rather than silently cut off.
 */
export function lineBreakFreeString() {
  return z.string({ error: 'Укажите значение строкой' }).refine((value) => !containsLineBreak(value), {
    error: 'Значение не должно содержать переносов строк',
    params: { code: CONTACTS_ERROR_CODES.lineBreakNotAllowed },
  });
}

/** Creates the schema of a required one-line text, trimmed, of 1 to maxLength characters. */
export function singleLineText(maxLength: number) {
  return lineBreakFreeString()
    .trim()
    .min(1, 'Поле не должно быть пустым')
    .max(maxLength, `Значение длиннее ${maxLength} символов`);
}

/** Identifier of a guardian, student, class or school, as the contract's entityIdSchema allows. */
export const entityId = () => singleLineText(128);

/** Full name of a person, as the contract allows it. */
export const personName = () => singleLineText(200);
