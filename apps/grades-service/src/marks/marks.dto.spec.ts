import { problemAt } from '../testing/field-problems';
import { problemsOf } from '../testing/schema-problems';
import { correctMarkSchema, recordMarksSchema } from './marks.dto';

const validMark = {
  markId: 'mark-1',
  schoolId: 'school-17',
  classId: '7a',
  studentId: 'student-1',
  subject: 'Алгебра',
  lessonDate: '2026-12-03',
  assignmentType: 'Контрольная работа',
  weight: 2,
  value: 5,
};

describe('recordMarksSchema', () => {
  it('passes a valid mark through unchanged', () => {
    const parsed = recordMarksSchema.parse({ marks: [validMark] });

    expect(parsed.marks[0]).toEqual(validMark);
  });

  it('accepts every non-numeric mark code', () => {
    for (const value of ['н', 'осв', 'зач', 'незач', 'н/а']) {
      expect(recordMarksSchema.safeParse({ marks: [{ ...validMark, value }] }).success).toBe(true);
    }
  });

  it('names the index and field of a bad mark value', () => {
    const marks = [validMark, { ...validMark, markId: 'mark-2' }, { ...validMark, markId: 'mark-3' }, { ...validMark, markId: 'mark-4', value: 7 }];

    const problem = problemAt(problemsOf(recordMarksSchema, { marks }), 'marks[3].value');

    expect(problem.code).toBe('INVALID_MARK');
    expect(problem.message).toContain('Недопустимая отметка 7');
  });

  it('lists every bad field of the batch', () => {
    const marks = [
      { ...validMark, lessonDate: '03.12.2026' },
      { ...validMark, markId: 'mark-2', weight: 0 },
      { ...validMark, markId: 'mark-3', assignmentType: '  ' },
    ];

    const problems = problemsOf(recordMarksSchema, { marks });

    expect(problems.map((problem) => [problem.field, problem.code])).toEqual([
      ['marks[0].lessonDate', 'INVALID_DATE'],
      ['marks[1].weight', 'INVALID_WEIGHT'],
      ['marks[2].assignmentType', 'INVALID_ASSIGNMENT_TYPE'],
    ]);
  });

  it('rejects an impossible calendar date', () => {
    const problem = problemAt(problemsOf(recordMarksSchema, { marks: [{ ...validMark, lessonDate: '2026-02-30' }] }), 'marks[0].lessonDate');

    expect(problem.message).toBe('Неверная дата «2026-02-30»: ожидается ГГГГ-ММ-ДД, например 2026-12-03');
  });

  it('reports a missing field as required in Russian', () => {
    const { studentId: _omitted, ...withoutStudent } = validMark;
    void _omitted;

    const problem = problemAt(problemsOf(recordMarksSchema, { marks: [withoutStudent] }), 'marks[0].studentId');

    expect(problem.code).toBe('REQUIRED');
    expect(problem.message).toBe('Обязательное поле не заполнено');
  });

  it('rejects a fractional numeric mark', () => {
    const problem = problemAt(problemsOf(recordMarksSchema, { marks: [{ ...validMark, value: 4.5 }] }), 'marks[0].value');

    expect(problem.code).toBe('INVALID_MARK');
  });

  it('rejects a non-boolean overdue flag', () => {
    const problem = problemAt(problemsOf(recordMarksSchema, { marks: [{ ...validMark, overdue: 'да' }] }), 'marks[0].overdue');

    expect(problem.code).toBe('INVALID_FLAG');
  });

  it('rejects an unknown field', () => {
    const problem = problemAt(problemsOf(recordMarksSchema, { marks: [{ ...validMark, mark: 5 }] }), 'marks[0]');

    expect(problem.message).toContain('mark');
  });

  it('rejects an empty batch', () => {
    const problem = problemAt(problemsOf(recordMarksSchema, { marks: [] }), 'marks');

    expect(problem.code).toBe('INVALID_BATCH_SIZE');
  });

  it('rejects a batch of 501 marks', () => {
    const marks = Array.from({ length: 501 }, (_, index) => ({ ...validMark, markId: `mark-${index}` }));

    const problem = problemAt(problemsOf(recordMarksSchema, { marks }), 'marks');

    expect(problem.code).toBe('INVALID_BATCH_SIZE');
    expect(problem.message).toBe('Ожидается массив от 1 до 500 отметок');
  });

  it('accepts a batch of 500 marks', () => {
    const marks = Array.from({ length: 500 }, (_, index) => ({ ...validMark, markId: `mark-${index}` }));

    expect(recordMarksSchema.safeParse({ marks }).success).toBe(true);
  });

  it('rejects a markId repeated within the batch', () => {
    const marks = [validMark, { ...validMark, markId: 'mark-2' }, { ...validMark, value: 4 }];

    const problem = problemAt(problemsOf(recordMarksSchema, { marks }), 'marks[2].markId');

    expect(problem.code).toBe('DUPLICATE_ID_IN_BATCH');
    expect(problem.message).toContain('элементе 0');
  });

  it('requires the marks array', () => {
    const problem = problemAt(problemsOf(recordMarksSchema, {}), 'marks');

    expect(problem.code).toBe('REQUIRED');
  });
});

describe('correctMarkSchema', () => {
  it('accepts a value alone', () => {
    expect(correctMarkSchema.parse({ value: 'зач' })).toEqual({ value: 'зач' });
  });

  it('rejects an empty correction', () => {
    const [problem] = problemsOf(correctMarkSchema, {});

    expect(problem?.field).toBe('');
    expect(problem?.code).toBe('EMPTY_CORRECTION');
  });

  it('rejects a correction of a field that cannot change', () => {
    const problem = problemAt(problemsOf(correctMarkSchema, { value: 4, studentId: 'student-2' }), '');

    expect(problem.message).toContain('studentId');
  });

  it('names a bad weight', () => {
    const problem = problemAt(problemsOf(correctMarkSchema, { weight: -1 }), 'weight');

    expect(problem.code).toBe('INVALID_WEIGHT');
  });
});
