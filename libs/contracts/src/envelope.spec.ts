import { randomUUID } from 'node:crypto';
import { ContractViolationError, createEnvelope, parseEnvelope } from './envelope';
import { TOPICS } from './topics';
import type { MarkChanged } from './journal';

const validMark = {
  schoolId: 'school-1',
  classId: '7a',
  studentId: 'student-1',
  markId: 'mark-1',
  action: 'recorded',
  subject: 'Математика',
  lessonDate: '2026-12-03',
  assignmentType: 'Контрольная работа',
  weight: 2,
  value: 5,
  changedAt: '2026-12-03T10:15:00+03:00',
} as const;

function captureViolation(action: () => unknown): ContractViolationError {
  try {
    action();
  } catch (error) {
    if (error instanceof ContractViolationError) return error;
    throw error;
  }
  throw new Error('expected a ContractViolationError');
}

describe('createEnvelope', () => {
  it('fills the envelope fields for a valid payload', () => {
    const envelope = createEnvelope(TOPICS.marks, validMark, { producer: 'grades-service' });

    expect(envelope.type).toBe('MarkChanged');
    expect(envelope.schemaVersion).toBe(1);
    expect(envelope.producer).toBe('grades-service');
    expect(envelope.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(envelope.correlationId).toBe(envelope.eventId);
    expect(envelope.payload.overdue).toBe(false);
  });

  it('rejects a mark out of range naming the field', () => {
    const error = captureViolation(() =>
      createEnvelope(TOPICS.marks, { ...validMark, value: 7 }, { producer: 'grades-service' }),
    );

    expect(error.topic).toBe(TOPICS.marks);
    expect(error.issues.map((issue) => issue.field)).toContain('payload.value');
    expect(error.message).toContain('payload.value');
  });

  it('accepts the non-numeric mark codes', () => {
    for (const code of ['н', 'осв', 'зач', 'незач', 'н/а'] as const) {
      const envelope = createEnvelope(TOPICS.marks, { ...validMark, value: code }, { producer: 'grades-service' });
      expect(envelope.payload.value).toBe(code);
    }
  });

  it('does not compile with a payload of another topic', () => {
    const homework = {
      schoolId: 's',
      classId: 'c',
      homeworkId: 'h',
      subject: 'Физика',
      assignedOn: '2026-12-03',
      dueDate: '2026-12-05',
      text: '§ 12',
    };
    // @ts-expect-error a homework payload is not a mark payload
    const build = () => createEnvelope(TOPICS.marks, homework, { producer: 'grades-service' });

    expect(build).toThrow(ContractViolationError);
  });
});

describe('parseEnvelope', () => {
  it('round-trips a produced envelope', () => {
    const envelope = createEnvelope(TOPICS.marks, validMark, { producer: 'grades-service', correlationId: 'batch-7' });

    const parsed = parseEnvelope(TOPICS.marks, Buffer.from(JSON.stringify(envelope)));
    const payload: MarkChanged = parsed.payload;

    expect(parsed).toEqual(envelope);
    expect(payload.subject).toBe('Математика');
  });

  it('rejects an envelope whose type belongs to another topic', () => {
    const envelope = createEnvelope(TOPICS.marks, validMark, { producer: 'grades-service' });

    const error = captureViolation(() => parseEnvelope(TOPICS.homework, JSON.stringify(envelope)));

    expect(error.issues.map((issue) => issue.field)).toContain('type');
  });

  it('rejects a value that is not JSON', () => {
    const error = captureViolation(() => parseEnvelope(TOPICS.marks, 'not json'));

    expect(error.issues).toEqual([{ field: '', message: 'message value is not valid JSON' }]);
  });

  it('rejects a missing eventId naming the field', () => {
    const { eventId: _dropped, ...rest } = createEnvelope(TOPICS.marks, validMark, { producer: 'p' });
    void _dropped;

    const error = captureViolation(() => parseEnvelope(TOPICS.marks, JSON.stringify(rest)));

    expect(error.issues.map((issue) => issue.field)).toEqual(['eventId']);
  });

  it('rejects an exam result with neither score nor mark', () => {
    const exam = {
      schoolId: 's',
      classId: '9a',
      studentId: 'st',
      examResultId: randomUUID(),
      examKind: 'ОГЭ',
      subject: 'Русский язык',
      resultsObtainedAt: '2026-06-10T12:00:00+03:00',
    };

    const error = captureViolation(() => createEnvelope(TOPICS.examResults, exam, { producer: 'grades-service' }));

    expect(error.issues.map((issue) => issue.field)).toEqual(['payload.score']);
  });
});
