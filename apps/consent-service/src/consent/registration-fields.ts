import { z } from 'zod';
import { CONSENT_ERROR_CODES } from './consent.errors';

/**
 * Line terminators of Unicode: LF, VT, FF, CR, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR.
 * A value with one of them could start a new header line once it reaches an email.
 */
const LINE_BREAK = /[\n\v\f\r\u0085\u2028\u2029]/;

export function containsLineBreak(value: string): boolean {
  return LINE_BREAK.test(value);
}

/**
 * Creates the schema of a required one-line text, trimmed. The line-break check runs
 * before trimming, so a trailing line break is rejected rather than silently cut off.
 */
export function singleLineText(maxLength: number) {
  return z
    .string({ error: 'Укажите значение строкой' })
    .refine((value) => !containsLineBreak(value), {
      error: 'Значение не должно содержать переносов строк',
      params: { code: CONSENT_ERROR_CODES.lineBreakNotAllowed },
    })
    .trim()
    .min(1, 'Поле не должно быть пустым')
    .max(maxLength, `Значение длиннее ${maxLength} символов`);
}

export const REGISTRATION_FORMS = ['paper-application', 'electronic-document'] as const;

/** A decidedAt this far ahead of the server clock is still accepted, to allow for clock skew. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

const decidedAtSchema = z.iso
  .datetime({ offset: true, error: 'Укажите дату и время решения в формате 2026-09-01T10:00:00+03:00' })
  .refine((value) => !(Date.parse(value) > Date.now() + MAX_CLOCK_SKEW_MS), {
    error: 'Дата решения не может быть в будущем',
    params: { code: CONSENT_ERROR_CODES.decidedAtInFuture },
  });

/** Fields that every registration of a decision or a withdrawal carries. */
export const registrationFields = {
  /** Name or staff id of the office member who registers the document. */
  registeredBy: singleLineText(200),
  form: z.enum(REGISTRATION_FORMS, {
    error: 'Укажите форму документа: paper-application (заявление на бумаге) или electronic-document (электронный документ)',
  }),
  /** The document as the office files it, e.g. «Заявление № 15 от 01.09.2026». */
  documentReference: singleLineText(300),
  decidedAt: decidedAtSchema,
};
