import { problemAt } from '../testing/field-problems';
import { problemsOf } from '../testing/schema-problems';
import { recordExamResultsSchema } from './exam-results.dto';

const validResult = {
  examResultId: 'exam-1',
  schoolId: 'school-17',
  classId: '9b',
  studentId: 'student-1',
  examKind: 'ОГЭ',
  subject: 'Математика',
  score: 24,
  mark: 5,
  resultsObtainedAt: '2027-06-10T12:00:00+03:00',
};

describe('recordExamResultsSchema', () => {
  it('accepts a score alone', () => {
    const { mark: _mark, ...scoreOnly } = validResult;
    void _mark;

    expect(recordExamResultsSchema.safeParse({ examResults: [scoreOnly] }).success).toBe(true);
  });

  it('accepts a mark alone', () => {
    const { score: _score, ...markOnly } = validResult;
    void _score;

    expect(recordExamResultsSchema.safeParse({ examResults: [markOnly] }).success).toBe(true);
  });

  it('rejects a result with neither score nor mark', () => {
    const { score: _score, mark: _mark, ...neither } = validResult;
    void _score;
    void _mark;

    const problem = problemAt(problemsOf(recordExamResultsSchema, { examResults: [neither] }), 'examResults[0].score');

    expect(problem.code).toBe('SCORE_OR_MARK_REQUIRED');
  });

  it('rejects a mark code, which exams do not use', () => {
    const problem = problemAt(problemsOf(recordExamResultsSchema, { examResults: [{ ...validResult, mark: 'зач' }] }), 'examResults[0].mark');

    expect(problem.code).toBe('INVALID_MARK');
  });

  it('rejects a negative score', () => {
    const problem = problemAt(problemsOf(recordExamResultsSchema, { examResults: [{ ...validResult, score: -1 }] }), 'examResults[0].score');

    expect(problem.code).toBe('INVALID_SCORE');
  });

  it('rejects an empty exam kind', () => {
    const problem = problemAt(problemsOf(recordExamResultsSchema, { examResults: [{ ...validResult, examKind: '' }] }), 'examResults[0].examKind');

    expect(problem.code).toBe('INVALID_EXAM_KIND');
  });
});
