import type { z } from 'zod';
import { guardianDtoSchema } from './guardian.dto';

const guardian = {
  guardianId: 'g-17',
  schoolId: 'school-17',
  fullName: 'Иванова Мария Петровна',
  students: [{ studentId: 's-1', classId: '7а', fullName: 'Иванов Пётр' }],
  email: { address: 'ivanova@example.ru', source: 'written-application' },
  phone: { number: '8 (921) 123-45-67', source: 'entered-by-guardian' },
  channels: ['email', 'sms'],
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
    field: issue.path.map(String).join('.'),
    code: issue.code === 'custom' && typeof issue.params?.['code'] === 'string' ? issue.params['code'] : issue.code,
    message: issue.message,
  }));
}

const fieldsOf = (problems: Problem[]) => problems.map((problem) => problem.field);
const codesOf = (problems: Problem[]) => problems.map((problem) => problem.code);

describe('guardianDtoSchema', () => {
  it('normalises the phone to E.164', () => {
    expect(guardianDtoSchema.parse(guardian).phone?.number).toBe('+79211234567');
  });

  it('trims names and ids', () => {
    const body = guardianDtoSchema.parse({ ...guardian, guardianId: ' g-17 ', fullName: '  Иванова Мария  ' });

    expect(body.guardianId).toBe('g-17');
    expect(body.fullName).toBe('Иванова Мария');
  });

  it('trims the email address', () => {
    const body = guardianDtoSchema.parse({ ...guardian, email: { ...guardian.email, address: ' ivanova@example.ru ' } });

    expect(body.email?.address).toBe('ivanova@example.ru');
  });

  it('accepts a guardian with paper only and no contacts', () => {
    const { email: _email, phone: _phone, ...rest } = guardian;
    void _email;
    void _phone;

    const body = guardianDtoSchema.parse({ ...rest, channels: ['paper'] });

    expect(body.channels).toEqual(['paper']);
    expect(body.email).toBeUndefined();
    expect(body.phone).toBeUndefined();
  });

  it('rejects a phone in another form with the accepted form', () => {
    const problems = problemsOf(guardianDtoSchema.safeParse({ ...guardian, phone: { ...guardian.phone, number: '921-123-45-67' } }));

    expect(problems).toEqual([{ field: 'phone.number', code: 'INVALID_PHONE', message: 'Укажите номер в формате +7 921 123-45-67' }]);
  });

  it.each(['ivanova', 'ivanova@example', 'iva nova@example.ru', 'ivanova@@example.ru', 'ivanova@example..ru'])(
    'rejects the email %j',
    (address) => {
      const problems = problemsOf(guardianDtoSchema.safeParse({ ...guardian, email: { ...guardian.email, address } }));

      expect(fieldsOf(problems)).toEqual(['email.address']);
      expect(codesOf(problems)).toEqual(['INVALID_EMAIL']);
    },
  );

  it('rejects an email longer than 254 characters', () => {
    const address = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.ru`;

    const problems = problemsOf(guardianDtoSchema.safeParse({ ...guardian, email: { ...guardian.email, address } }));

    expect(codesOf(problems)).toEqual(['too_big']);
  });

  it.each([
    ['fullName', { fullName: 'Иванова\nBcc: all@example.ru' }],
    ['guardianId', { guardianId: 'g-17\r' }],
    ['schoolId', { schoolId: 'school\u2028' }],
    ['students.0.fullName', { students: [{ ...guardian.students[0], fullName: 'Иванов\u2029Пётр' }] }],
    ['students.0.classId', { students: [{ ...guardian.students[0], classId: '7а\n' }] }],
    ['email.address', { email: { ...guardian.email, address: 'ivanova@example.ru\r\nBcc: x@example.ru' } }],
    ['email.address', { email: { ...guardian.email, address: 'ivanova@example.ru\n' } }],
    ['phone.number', { phone: { ...guardian.phone, number: '+79211234567\n' } }],
  ])('rejects a line break in %s with its own code', (field, change) => {
    const problems = problemsOf(guardianDtoSchema.safeParse({ ...guardian, ...change }));

    expect(problems).toEqual([
      { field, code: 'LINE_BREAK_NOT_ALLOWED', message: 'Значение не должно содержать переносов строк' },
    ]);
  });

  it('requires an email for the email channel', () => {
    const { email: _email, ...rest } = guardian;
    void _email;

    const problems = problemsOf(guardianDtoSchema.safeParse(rest));

    expect(problems).toEqual([expect.objectContaining({ field: 'channels', code: 'CHANNEL_REQUIRES_EMAIL' })]);
  });

  it('requires a phone for the sms channel', () => {
    const { phone: _phone, ...rest } = guardian;
    void _phone;

    const problems = problemsOf(guardianDtoSchema.safeParse(rest));

    expect(problems).toEqual([expect.objectContaining({ field: 'channels', code: 'CHANNEL_REQUIRES_PHONE' })]);
  });

  it('does not blame the channel when the phone itself is invalid', () => {
    const problems = problemsOf(guardianDtoSchema.safeParse({ ...guardian, phone: { ...guardian.phone, number: '12345' } }));

    expect(fieldsOf(problems)).toEqual(['phone.number']);
  });

  it('rejects a duplicate channel at its position', () => {
    const problems = problemsOf(guardianDtoSchema.safeParse({ ...guardian, channels: ['email', 'sms', 'email'] }));

    expect(problems).toEqual([expect.objectContaining({ field: 'channels.2', code: 'DUPLICATE_CHANNEL' })]);
  });

  it('rejects an unknown channel', () => {
    const problems = problemsOf(guardianDtoSchema.safeParse({ ...guardian, channels: ['email', 'telegram'] }));

    expect(fieldsOf(problems)).toEqual(['channels.1']);
    expect(problems[0]?.message).toBe('Укажите канал: email, sms, paper');
  });

  it('rejects a duplicate student', () => {
    const student = guardian.students[0];
    const problems = problemsOf(guardianDtoSchema.safeParse({ ...guardian, students: [student, { ...student, classId: '8б' }] }));

    expect(problems).toEqual([expect.objectContaining({ field: 'students.1.studentId', code: 'DUPLICATE_STUDENT' })]);
  });

  it('rejects more than 20 students', () => {
    const students = Array.from({ length: 21 }, (_, index) => ({ studentId: `s-${index}`, classId: '7а', fullName: 'Иванов Пётр' }));

    const problems = problemsOf(guardianDtoSchema.safeParse({ ...guardian, students }));

    expect(fieldsOf(problems)).toEqual(['students']);
  });

  it('rejects a name of 201 characters', () => {
    const problems = problemsOf(guardianDtoSchema.safeParse({ ...guardian, fullName: 'Я'.repeat(201) }));

    expect(codesOf(problems)).toEqual(['too_big']);
  });

  it('accepts a name of 200 characters', () => {
    expect(guardianDtoSchema.parse({ ...guardian, fullName: 'Я'.repeat(200) }).fullName).toHaveLength(200);
  });

  it('rejects a blank name', () => {
    const problems = problemsOf(guardianDtoSchema.safeParse({ ...guardian, fullName: '   ' }));

    expect(problems).toEqual([expect.objectContaining({ field: 'fullName', code: 'too_small' })]);
  });

  it('rejects an unknown contact source', () => {
    const problems = problemsOf(guardianDtoSchema.safeParse({ ...guardian, email: { ...guardian.email, source: 'phone-call' } }));

    expect(fieldsOf(problems)).toEqual(['email.source']);
    expect(problems[0]?.message).toContain('written-application');
  });

  it('lists every bad field of one body', () => {
    const problems = problemsOf(
      guardianDtoSchema.safeParse({
        guardianId: '',
        schoolId: 'school-17',
        fullName: 'Иванова\n',
        students: [{ studentId: 's-1', classId: '7а' }],
        phone: { number: '+1 202 555 0100', source: 'entered-by-guardian' },
        channels: ['email', 'email'],
        note: 'x',
      }),
    );

    expect(fieldsOf(problems).sort()).toEqual(
      ['', 'channels', 'channels.1', 'fullName', 'guardianId', 'phone.number', 'students.0.fullName'].sort(),
    );
    for (const problem of problems.filter((item) => item.code !== 'unrecognized_keys')) {
      expect(problem.message).toMatch(/[А-Яа-яЁё]/);
    }
  });
});
