import { problemAt } from '../testing/field-problems';
import { problemsOf } from '../testing/schema-problems';
import { deferFinalGradesSchema, recordFinalGradesSchema } from './final-grades.dto';

const validGrade = {
  finalGradeId: 'fg-1',
  schoolId: 'school-17',
  classId: '7a',
  studentId: 'student-1',
  subject: 'Алгебра',
  period: { kind: 'quarter', number: 2, schoolYear: '2026/2027' },
  value: 5,
  resultsObtainedAt: '2026-12-25T15:00:00+03:00',
};

const { value: _value, ...gradeWithoutValue } = validGrade;
void _value;

const validDeferral = {
  ...gradeWithoutValue,
  reason: 'illness',
  deferredUntil: '2027-01-20',
  resultsObtainedAt: '2026-12-25T15:00:00+03:00',
};

describe('recordFinalGradesSchema', () => {
  it('accepts a year grade without a number', () => {
    const grade = { ...validGrade, period: { kind: 'year', schoolYear: '2026/2027' } };

    expect(recordFinalGradesSchema.safeParse({ finalGrades: [grade] }).success).toBe(true);
  });

  it('accepts a mark code as the value', () => {
    expect(recordFinalGradesSchema.safeParse({ finalGrades: [{ ...validGrade, value: 'осв' }] }).success).toBe(true);
  });

  it.each([
    ['quarter', 5, 'Для периода «четверть» укажите номер от 1 до 4'],
    ['trimester', 4, 'Для периода «триместр» укажите номер от 1 до 3'],
    ['half-year', 3, 'Для периода «полугодие» укажите номер от 1 до 2'],
    ['half-year', undefined, 'Для периода «полугодие» укажите номер от 1 до 2'],
    ['year', 1, 'Для периода «год» номер не указывается'],
  ])('rejects a %s numbered %s', (kind, number, message) => {
    const grade = { ...validGrade, period: { kind, number, schoolYear: '2026/2027' } };

    const problem = problemAt(problemsOf(recordFinalGradesSchema, { finalGrades: [grade] }), 'finalGrades[0].period.number');

    expect(problem.code).toBe('INVALID_PERIOD_NUMBER');
    expect(problem.message).toBe(message);
  });

  it('names the Russian labels of an unknown period kind', () => {
    const grade = { ...validGrade, period: { kind: 'semester', number: 1, schoolYear: '2026/2027' } };

    const problem = problemAt(problemsOf(recordFinalGradesSchema, { finalGrades: [grade] }), 'finalGrades[0].period.kind');

    expect(problem.code).toBe('INVALID_PERIOD_KIND');
    expect(problem.message).toContain('quarter (четверть)');
    expect(problem.message).toContain('half-year (полугодие)');
  });

  it('rejects a school year of non-consecutive years', () => {
    const grade = { ...validGrade, period: { ...validGrade.period, schoolYear: '2026/2028' } };

    const problem = problemAt(problemsOf(recordFinalGradesSchema, { finalGrades: [grade] }), 'finalGrades[0].period.schoolYear');

    expect(problem.code).toBe('INVALID_SCHOOL_YEAR');
  });

  it('rejects a timestamp without an offset', () => {
    const grade = { ...validGrade, resultsObtainedAt: '2026-12-25T15:00:00' };

    const problem = problemAt(problemsOf(recordFinalGradesSchema, { finalGrades: [grade] }), 'finalGrades[0].resultsObtainedAt');

    expect(problem.code).toBe('INVALID_DATE_TIME');
  });

  it('rejects a value outside the scale', () => {
    const problem = problemAt(problemsOf(recordFinalGradesSchema, { finalGrades: [{ ...validGrade, value: 0 }] }), 'finalGrades[0].value');

    expect(problem.code).toBe('INVALID_MARK');
  });
});

describe('deferFinalGradesSchema', () => {
  it('accepts a deferral to a later date', () => {
    expect(deferFinalGradesSchema.safeParse({ deferrals: [validDeferral] }).success).toBe(true);
  });

  it('rejects a reason other than illness', () => {
    const problem = problemAt(problemsOf(deferFinalGradesSchema, { deferrals: [{ ...validDeferral, reason: 'vacation' }] }), 'deferrals[0].reason');

    expect(problem.code).toBe('INVALID_DEFERRAL_REASON');
  });

  it('rejects a deferral ending on the day of the decision', () => {
    const deferral = { ...validDeferral, deferredUntil: '2026-12-25' };

    const problem = problemAt(problemsOf(deferFinalGradesSchema, { deferrals: [deferral] }), 'deferrals[0].deferredUntil');

    expect(problem.code).toBe('DEFERRED_UNTIL_NOT_AFTER_DECISION');
    expect(problem.message).toBe('Дата окончания отсрочки 2026-12-25 должна быть позже даты решения 2026-12-25');
  });

  it('takes the decision date in the offset of the timestamp', () => {
    // 00:30 on 26 December at UTC+4 is still 25 December in UTC; the school's own date counts.
    const deferral = { ...validDeferral, resultsObtainedAt: '2026-12-26T00:30:00+04:00', deferredUntil: '2026-12-26' };

    const problem = problemAt(problemsOf(deferFinalGradesSchema, { deferrals: [deferral] }), 'deferrals[0].deferredUntil');

    expect(problem.message).toContain('даты решения 2026-12-26');
  });

  it('rejects a value, which a deferral does not have', () => {
    const problem = problemAt(problemsOf(deferFinalGradesSchema, { deferrals: [{ ...validDeferral, value: 5 }] }), 'deferrals[0]');

    expect(problem.message).toContain('value');
  });
});
