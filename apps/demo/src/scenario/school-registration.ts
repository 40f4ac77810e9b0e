import type { ServiceClient } from '../platform/http-client';
import type { SampleGuardian, SampleSchool } from '../school/sample-school.generator';
import { moscowDateTime } from '../school/school-week.plan';

function guardianBody(school: SampleSchool, guardian: SampleGuardian) {
  const students = guardian.studentIds.map((studentId) => {
    const student = school.students.find((candidate) => candidate.studentId === studentId);
    if (!student) throw new Error(`guardian ${guardian.guardianId} names unknown student ${studentId}`);
    return { studentId, classId: student.classId, fullName: student.fullName };
  });
  return {
    guardianId: guardian.guardianId,
    schoolId: school.schoolId,
    fullName: guardian.fullName,
    students,
    channels: guardian.channels,
    ...(guardian.email && { email: { address: guardian.email, source: 'written-application' } }),
    ...(guardian.phoneAsTyped && { phone: { number: guardian.phoneAsTyped, source: 'written-application' } }),
  };
}

/**
 * Registers every guardian with contacts-service and every consent decision with
 * consent-service. Guardians who never gave consent get no decision at all. Returns the
 * number of decisions registered. Throws when contacts-service stores a phone in another
 * E.164 form than expected.
 */
export async function registerSchool(
  school: SampleSchool,
  clients: { contacts: ServiceClient; consent: ServiceClient },
): Promise<{ decisions: number }> {
  let decisions = 0;
  const decidedAt = moscowDateTime(new Date(Date.now() - 3_600_000));
  for (const [index, guardian] of school.guardians.entries()) {
    const stored = await clients.contacts.post<{ phone?: { number: string } }>('/v1/guardians', guardianBody(school, guardian));
    if (guardian.phoneE164 && stored.phone?.number !== guardian.phoneE164) {
      throw new Error(
        `contacts-service stored the phone of ${guardian.guardianId} as ${String(stored.phone?.number)}, expected ${guardian.phoneE164}`,
      );
    }
    if (guardian.consent === 'not-given') continue;
    await clients.consent.post(`/v1/guardians/${guardian.guardianId}/consent-decisions`, {
      personalDataProcessing: guardian.consent,
      electronicInformation: guardian.consent,
      registeredBy: 'Секретарь учебной части',
      form: 'paper-application',
      documentReference: `Заявление № ${index + 1}`,
      decidedAt,
    });
    decisions += 1;
  }
  return { decisions };
}
