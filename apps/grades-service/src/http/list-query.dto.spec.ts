import { problemAt } from '../testing/field-problems';
import { problemsOf } from '../testing/schema-problems';
import { studentListQuerySchema } from './list-query.dto';

describe('studentListQuerySchema', () => {
  it('defaults the limit to 50', () => {
    expect(studentListQuerySchema.parse({ studentId: 's-1' })).toEqual({ studentId: 's-1', limit: 50 });
  });

  it('reads the limit from its query string', () => {
    expect(studentListQuerySchema.parse({ studentId: 's-1', limit: '200' }).limit).toBe(200);
  });

  it.each(['0', '201', 'ten', '1.5'])('rejects the limit %s', (limit) => {
    const problem = problemAt(problemsOf(studentListQuerySchema, { studentId: 's-1', limit }), 'limit');

    expect(problem.code).toBe('INVALID_LIMIT');
  });

  it('rejects a cursor it did not issue', () => {
    const problem = problemAt(problemsOf(studentListQuerySchema, { studentId: 's-1', cursor: 'page-2' }), 'cursor');

    expect(problem.code).toBe('INVALID_CURSOR');
  });

  it('requires the studentId', () => {
    const problem = problemAt(problemsOf(studentListQuerySchema, {}), 'studentId');

    expect(problem.code).toBe('REQUIRED');
  });
});
