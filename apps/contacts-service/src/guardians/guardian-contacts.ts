import { CHANNELS, type Channel, type ContactsState } from '@ediary/contracts';
import type { GuardianDto } from './guardian.dto';

export type ContactSource = NonNullable<ContactsState['email']>['source'];

export interface StudentRecord {
  studentId: string;
  classId: string;
  fullName: string;
}

/** Contacts that a PUT replaces. A PUT whose contacts equal the stored ones changes nothing. */
export interface GuardianContacts {
  schoolId: string;
  fullName: string;
  /** Sorted by studentId, so that the order the client sent does not count as a change. */
  students: StudentRecord[];
  email?: { address: string; source: ContactSource };
  phone?: { e164: string; source: ContactSource };
  /** In the order of CHANNELS, for the same reason. */
  channels: Channel[];
}

/** One revision of a guardian's contacts. The latest one is current. */
export interface GuardianRecord extends GuardianContacts {
  guardianId: string;
  revision: number;
  updatedAt: Date;
}

function byStudentId(left: StudentRecord, right: StudentRecord): number {
  if (left.studentId === right.studentId) return 0;
  return left.studentId < right.studentId ? -1 : 1;
}

/** Takes the contacts from a validated request, in canonical order. */
export function toGuardianContacts(dto: GuardianDto): GuardianContacts {
  return {
    schoolId: dto.schoolId,
    fullName: dto.fullName,
    students: dto.students.map(({ studentId, classId, fullName }) => ({ studentId, classId, fullName })).sort(byStudentId),
    ...(dto.email && { email: { address: dto.email.address, source: dto.email.source } }),
    ...(dto.phone && { phone: { e164: dto.phone.number, source: dto.phone.source } }),
    channels: CHANNELS.filter((channel) => dto.channels.includes(channel)),
  };
}

/** Lists the values of the contacts in a fixed order, for comparison. */
function comparableContacts(contacts: GuardianContacts): unknown[] {
  return [
    contacts.schoolId,
    contacts.fullName,
    [...contacts.students].sort(byStudentId).map((student) => [student.studentId, student.classId, student.fullName]),
    contacts.email ? [contacts.email.address, contacts.email.source] : null,
    contacts.phone ? [contacts.phone.e164, contacts.phone.source] : null,
    CHANNELS.filter((channel) => contacts.channels.includes(channel)),
  ];
}

export function sameContacts(left: GuardianContacts, right: GuardianContacts): boolean {
  return JSON.stringify(comparableContacts(left)) === JSON.stringify(comparableContacts(right));
}

/** Builds the payload published to the contacts-state topic. */
export function toContactsState(record: GuardianRecord): ContactsState {
  return {
    guardianId: record.guardianId,
    schoolId: record.schoolId,
    fullName: record.fullName,
    students: record.students.map(({ studentId, classId, fullName }) => ({ studentId, classId, fullName })),
    ...(record.email && { email: { address: record.email.address, source: record.email.source } }),
    // NOTE: this service does not learn of SMS opt-outs, so it always publishes false.
    ...(record.phone && { phone: { e164: record.phone.e164, source: record.phone.source, unsubscribed: false } }),
    channels: [...record.channels],
    revision: record.revision,
    updatedAt: record.updatedAt.toISOString(),
  };
}

/**
 * A guardian as the API returns it. The phone goes out as `number` in E.164, so the
 * body of a GET can be sent back unchanged in a PUT.
 */
export interface GuardianView {
  guardianId: string;
  schoolId: string;
  fullName: string;
  students: StudentRecord[];
  email?: { address: string; source: ContactSource };
  phone?: { number: string; source: ContactSource };
  channels: Channel[];
  revision: number;
  updatedAt: string;
}

export function toGuardianView(record: GuardianRecord): GuardianView {
  return {
    guardianId: record.guardianId,
    schoolId: record.schoolId,
    fullName: record.fullName,
    students: record.students.map(({ studentId, classId, fullName }) => ({ studentId, classId, fullName })),
    ...(record.email && { email: { address: record.email.address, source: record.email.source } }),
    ...(record.phone && { phone: { number: record.phone.e164, source: record.phone.source } }),
    channels: [...record.channels],
    revision: record.revision,
    updatedAt: record.updatedAt.toISOString(),
  };
}
