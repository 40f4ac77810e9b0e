import { contactsStateSchema } from '@ediary/contracts';
import { sameContacts, toContactsState, toGuardianContacts, toGuardianView, type GuardianRecord } from './guardian-contacts';
import { guardianDtoSchema, type GuardianDto } from './guardian.dto';

const dto: GuardianDto = guardianDtoSchema.parse({
  guardianId: 'g-17',
  schoolId: 'school-17',
  fullName: 'Иванова Мария Петровна',
  students: [
    { studentId: 's-2', classId: '5б', fullName: 'Иванова Анна' },
    { studentId: 's-1', classId: '7а', fullName: 'Иванов Пётр' },
  ],
  email: { address: 'ivanova@example.ru', source: 'written-application' },
  phone: { number: '8 (921) 123-45-67', source: 'entered-by-guardian' },
  channels: ['sms', 'email'],
});

function recordOf(guardianDto: GuardianDto): GuardianRecord {
  return { guardianId: guardianDto.guardianId, ...toGuardianContacts(guardianDto), revision: 3, updatedAt: new Date('2026-09-01T07:00:00Z') };
}

describe('toGuardianContacts', () => {
  it('orders students by id', () => {
    expect(toGuardianContacts(dto).students.map((student) => student.studentId)).toEqual(['s-1', 's-2']);
  });

  it('orders channels as the contract lists them', () => {
    expect(toGuardianContacts(dto).channels).toEqual(['email', 'sms']);
  });

  it('stores the phone in E.164', () => {
    expect(toGuardianContacts(dto).phone).toEqual({ e164: '+79211234567', source: 'entered-by-guardian' });
  });

  it('leaves out absent contacts', () => {
    const contacts = toGuardianContacts({ ...dto, email: undefined, phone: undefined, channels: ['paper'] });

    expect(contacts).not.toHaveProperty('email');
    expect(contacts).not.toHaveProperty('phone');
  });
});

describe('sameContacts', () => {
  const stored = toGuardianContacts(dto);
  const [anna, petr] = [
    { studentId: 's-2', classId: '5б', fullName: 'Иванова Анна' },
    { studentId: 's-1', classId: '7а', fullName: 'Иванов Пётр' },
  ];

  it('ignores the order of students and channels', () => {
    const reordered = toGuardianContacts({ ...dto, students: [...dto.students].reverse(), channels: ['email', 'sms'] });

    expect(sameContacts(stored, reordered)).toBe(true);
  });

  it.each<[string, Partial<GuardianDto>]>([
    ['another name', { fullName: 'Иванова Мария' }],
    ['another school', { schoolId: 'school-18' }],
    ['another class of a student', { students: [anna, { ...petr, classId: '8а' }] }],
    ['a student less', { students: [anna] }],
    ['another email source', { email: { address: 'ivanova@example.ru', source: 'electronic-document' } }],
    ['another phone', { phone: { number: '+79217654321', source: 'entered-by-guardian' } }],
    ['no email', { email: undefined, channels: ['sms'] }],
    ['a channel less', { channels: ['email'] }],
  ])('sees %s', (_name, change) => {
    expect(sameContacts(stored, toGuardianContacts({ ...dto, ...change }))).toBe(false);
  });
});

describe('toContactsState', () => {
  it('matches the contract', () => {
    const state = toContactsState(recordOf(dto));

    expect(contactsStateSchema.parse(state)).toEqual(state);
  });

  it('publishes the phone in E.164, not unsubscribed', () => {
    expect(toContactsState(recordOf(dto)).phone).toEqual({ e164: '+79211234567', source: 'entered-by-guardian', unsubscribed: false });
  });

  it('carries the revision and time of the change', () => {
    const state = toContactsState(recordOf(dto));

    expect(state.revision).toBe(3);
    expect(state.updatedAt).toBe('2026-09-01T07:00:00.000Z');
  });
});

describe('toGuardianView', () => {
  it('returns a body that a PUT accepts unchanged', () => {
    const view = toGuardianView(recordOf(dto));
    const { revision: _revision, updatedAt: _updatedAt, ...body } = view;
    void _revision;
    void _updatedAt;

    const reparsed = guardianDtoSchema.parse(body);

    expect(sameContacts(toGuardianContacts(reparsed), toGuardianContacts(dto))).toBe(true);
  });

  it('shows the phone as number', () => {
    expect(toGuardianView(recordOf(dto)).phone).toEqual({ number: '+79211234567', source: 'entered-by-guardian' });
  });
});
