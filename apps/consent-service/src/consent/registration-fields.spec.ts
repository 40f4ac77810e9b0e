import { z } from 'zod';
import { CONSENT_ERROR_CODES } from './consent.errors';
import { containsLineBreak, MAX_CLOCK_SKEW_MS, registrationFields, singleLineText } from './registration-fields';

function issueCodes(result: z.ZodSafeParseResult<unknown>): unknown[] {
  if (result.success) return [];
  return result.error.issues.map((issue) => (issue.code === 'custom' ? issue.params?.['code'] : issue.code));
}

describe('containsLineBreak', () => {
  it.each([
    ['line feed', 'Заявление\nподпись'],
    ['carriage return', 'Заявление\rподпись'],
    ['CRLF at the end', 'Заявление № 15\r\n'],
    ['line separator', 'Заявление\u2028подпись'],
    ['paragraph separator', 'Заявление\u2029подпись'],
    ['next line', 'Заявление\u0085подпись'],
    ['vertical tab', 'Заявление\vподпись'],
    ['form feed', 'Заявление\fподпись'],
  ])('finds a %s', (_name, value) => {
    expect(containsLineBreak(value)).toBe(true);
  });

  it.each([
    ['plain text', 'Заявление № 15 от 01.09.2026'],
    ['a tab', 'Заявление\t№ 15'],
    ['an empty string', ''],
  ])('finds none in %s', (_name, value) => {
    expect(containsLineBreak(value)).toBe(false);
  });
});

describe('singleLineText', () => {
  const schema = singleLineText(10);

  it('trims the value', () => {
    expect(schema.parse('  Петрова  ')).toBe('Петрова');
  });

  it('rejects a trailing line break instead of trimming it', () => {
    expect(issueCodes(schema.safeParse('Петрова\n'))).toEqual([CONSENT_ERROR_CODES.lineBreakNotAllowed]);
  });

  it('rejects a blank value', () => {
    expect(issueCodes(schema.safeParse('   '))).toEqual(['too_small']);
  });

  it('rejects a value over the limit', () => {
    expect(issueCodes(schema.safeParse('Константинопольская'))).toEqual(['too_big']);
  });

  it('accepts a value of exactly the limit', () => {
    expect(schema.parse('0123456789')).toBe('0123456789');
  });

  it('rejects a number', () => {
    expect(issueCodes(schema.safeParse(15))).toEqual(['invalid_type']);
  });
});

describe('decidedAt', () => {
  const schema = registrationFields.decidedAt;

  it('accepts a moment with an offset', () => {
    expect(schema.parse('2026-09-01T10:00:00+03:00')).toBe('2026-09-01T10:00:00+03:00');
  });

  it('accepts a moment in UTC', () => {
    expect(schema.parse('2026-09-01T07:00:00Z')).toBe('2026-09-01T07:00:00Z');
  });

  it.each(['2026-09-01', '2026-09-01T10:00:00', '01.09.2026 10:00', '2026-02-30T10:00:00+03:00'])(
    'rejects %s',
    (value) => {
      expect(issueCodes(schema.safeParse(value))).toEqual(['invalid_format']);
    },
  );

  it('rejects a moment in the future', () => {
    const future = new Date(Date.now() + MAX_CLOCK_SKEW_MS + 60 * 60 * 1000).toISOString();

    expect(issueCodes(schema.safeParse(future))).toEqual([CONSENT_ERROR_CODES.decidedAtInFuture]);
  });

  it('accepts a moment within the clock skew', () => {
    const nearFuture = new Date(Date.now() + 60 * 1000).toISOString();

    expect(schema.parse(nearFuture)).toBe(nearFuture);
  });
});
