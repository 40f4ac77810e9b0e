import { problemAt } from '../testing/field-problems';
import { problemsOf } from '../testing/schema-problems';
import { assignHomeworkSchema } from './homework.dto';

const validHomework = {
  homeworkId: 'hw-1',
  schoolId: 'school-17',
  classId: '7a',
  subject: 'Физика',
  assignedOn: '2026-12-03',
  dueDate: '2026-12-05',
  text: '§ 12, задачи 3–5',
};

describe('assignHomeworkSchema', () => {
  it('trims the text', () => {
    const parsed = assignHomeworkSchema.parse({ homework: [{ ...validHomework, text: '  § 12  ' }] });

    expect(parsed.homework[0]?.text).toBe('§ 12');
  });

  it('accepts a due date equal to the assignment date', () => {
    expect(assignHomeworkSchema.safeParse({ homework: [{ ...validHomework, dueDate: '2026-12-03' }] }).success).toBe(true);
  });

  it('rejects a due date before the assignment date', () => {
    const problem = problemAt(problemsOf(assignHomeworkSchema, { homework: [{ ...validHomework, dueDate: '2026-12-02' }] }), 'homework[0].dueDate');

    expect(problem.code).toBe('DUE_DATE_BEFORE_ASSIGNED');
    expect(problem.message).toBe('Срок сдачи 2026-12-02 раньше даты выдачи задания 2026-12-03');
  });

  it('accepts a text of 4000 characters', () => {
    expect(assignHomeworkSchema.safeParse({ homework: [{ ...validHomework, text: 'а'.repeat(4000) }] }).success).toBe(true);
  });

  it('rejects a text of 4001 characters', () => {
    const problem = problemAt(problemsOf(assignHomeworkSchema, { homework: [{ ...validHomework, text: 'а'.repeat(4001) }] }), 'homework[0].text');

    expect(problem.code).toBe('INVALID_HOMEWORK_TEXT');
  });

  it('rejects a text of spaces only', () => {
    const problem = problemAt(problemsOf(assignHomeworkSchema, { homework: [{ ...validHomework, text: '   ' }] }), 'homework[0].text');

    expect(problem.code).toBe('INVALID_HOMEWORK_TEXT');
  });

  it('names a bad date of the second item', () => {
    const homework = [validHomework, { ...validHomework, homeworkId: 'hw-2', assignedOn: '2026-13-01' }];

    const problem = problemAt(problemsOf(assignHomeworkSchema, { homework }), 'homework[1].assignedOn');

    expect(problem.code).toBe('INVALID_DATE');
  });

  it('rejects a studentId, which homework does not have', () => {
    const problem = problemAt(problemsOf(assignHomeworkSchema, { homework: [{ ...validHomework, studentId: 's-1' }] }), 'homework[0]');

    expect(problem.message).toContain('studentId');
  });
});
