import type { FieldProblem } from '@ediary/http-api';

/** Returns the problem reported for one field, or throws an error listing the reported fields. */
export function problemAt(problems: FieldProblem[], field: string): FieldProblem {
  const problem = problems.find((candidate) => candidate.field === field);
  if (!problem) throw new Error(`no problem at "${field}"; reported: ${problems.map((p) => `"${p.field}"`).join(', ')}`);
  return problem;
}
