import type { z } from 'zod';
import { consentDecisionDtoSchema } from './consent-decision.dto';
import { consentWithdrawalDtoSchema } from './consent-withdrawal.dto';
import { guardianParamsSchema } from './guardian-params.dto';

const registration = {
  registeredBy: 'Секретарь Орлова',
  form: 'paper-application',
  documentReference: 'Заявление № 15 от 01.09.2026',
  decidedAt: '2026-09-01T10:00:00+03:00',
};

interface Problem {
  field: string;
  code: string;
  message: string;
}

/** Field, code and message of each issue; the code is the custom one where a schema sets it. */
function problemsOf(result: z.ZodSafeParseResult<unknown>): Problem[] {
  if (result.success) throw new Error('expected the body to be rejected');
  return result.error.issues.map((issue) => ({
    field: issue.path.join('.'),
    code: issue.code === 'custom' && typeof issue.params?.['code'] === 'string' ? issue.params['code'] : issue.code,
    message: issue.message,
  }));
}

describe('consentDecisionDtoSchema', () => {
  it('accepts one decision', () => {
    const body = consentDecisionDtoSchema.parse({ ...registration, personalDataProcessing: 'granted' });

    expect(body.personalDataProcessing).toBe('granted');
    expect(body.electronicInformation).toBeUndefined();
  });

  it('accepts both decisions', () => {
    const body = consentDecisionDtoSchema.parse({ ...registration, personalDataProcessing: 'granted', electronicInformation: 'refused' });

    expect(body.electronicInformation).toBe('refused');
  });

  it('requires at least one decision', () => {
    const problems = problemsOf(consentDecisionDtoSchema.safeParse(registration));

    expect(problems).toEqual([
      { field: '', code: 'DECISION_REQUIRED', message: 'Укажите хотя бы одно решение: personalDataProcessing или electronicInformation' },
    ]);
  });

  it('lists a missing decision beside a missing field', () => {
    const { registeredBy: _omitted, ...rest } = registration;
    void _omitted;

    const problems = problemsOf(consentDecisionDtoSchema.safeParse(rest));

    expect(problems.map((problem) => [problem.field, problem.code])).toEqual([
      ['registeredBy', 'invalid_type'],
      ['', 'DECISION_REQUIRED'],
    ]);
  });

  it('rejects not-given as a decision', () => {
    const problems = problemsOf(consentDecisionDtoSchema.safeParse({ ...registration, electronicInformation: 'not-given' }));

    expect(problems.map((problem) => problem.field)).toEqual(['electronicInformation']);
    expect(problems[0]?.message).toContain('granted');
  });

  it('lists every bad field in Russian', () => {
    const problems = problemsOf(
      consentDecisionDtoSchema.safeParse({
        personalDataProcessing: 'yes',
        registeredBy: 'Орлова\nBcc: all@example.org',
        form: 'fax',
        documentReference: '',
        decidedAt: '01.09.2026',
      }),
    );

    expect(problems.map((problem) => problem.field)).toEqual([
      'personalDataProcessing',
      'registeredBy',
      'form',
      'documentReference',
      'decidedAt',
    ]);
    expect(problems.find((problem) => problem.field === 'registeredBy')?.code).toBe('LINE_BREAK_NOT_ALLOWED');
    for (const problem of problems) expect(problem.message).toMatch(/[А-Яа-яЁё]/);
  });

  it('names a missing field as required', () => {
    const { registeredBy: _omitted, ...rest } = registration;
    void _omitted;

    const problems = problemsOf(consentDecisionDtoSchema.safeParse({ ...rest, personalDataProcessing: 'granted' }));

    expect(problems).toEqual([{ field: 'registeredBy', code: 'invalid_type', message: 'Укажите значение строкой' }]);
  });

  it('rejects a misspelt field', () => {
    const problems = problemsOf(consentDecisionDtoSchema.safeParse({ ...registration, electronicInfo: 'granted' }));

    expect(problems.map((problem) => problem.code)).toEqual(['unrecognized_keys', 'DECISION_REQUIRED']);
  });
});

describe('consentWithdrawalDtoSchema', () => {
  it.each(['personal-data-processing', 'electronic-information', 'all'])('accepts scope %s', (scope) => {
    expect(consentWithdrawalDtoSchema.parse({ ...registration, scope }).scope).toBe(scope);
  });

  it('rejects an unknown scope in Russian', () => {
    const problems = problemsOf(consentWithdrawalDtoSchema.safeParse({ ...registration, scope: 'everything' }));

    expect(problems.map((problem) => problem.field)).toEqual(['scope']);
    expect(problems[0]?.message).toContain('отзывается');
  });

  it('rejects a line break in the document reference', () => {
    const problems = problemsOf(
      consentWithdrawalDtoSchema.safeParse({ ...registration, scope: 'all', documentReference: 'Заявление № 16\u2028' }),
    );

    expect(problems).toEqual([expect.objectContaining({ field: 'documentReference', code: 'LINE_BREAK_NOT_ALLOWED' })]);
  });
});

describe('guardianParamsSchema', () => {
  it('trims the id', () => {
    expect(guardianParamsSchema.parse({ guardianId: ' g-17 ' }).guardianId).toBe('g-17');
  });

  it('rejects an id longer than 128 characters', () => {
    const problems = problemsOf(guardianParamsSchema.safeParse({ guardianId: 'g'.repeat(129) }));

    expect(problems.map((problem) => problem.field)).toEqual(['guardianId']);
  });
});
