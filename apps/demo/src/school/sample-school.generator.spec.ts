import { generateSampleSchool, type SampleSchoolOptions } from './sample-school.generator';

const FAILING = {
  invalidNumber: '+79990212111',
  unsubscribed: '+79990216101',
  unreachable: '+79990300031',
  landline: '+79990300061',
};
const options = (seed: number, contactTag = 'run-a'): SampleSchoolOptions => ({ seed, contactTag, failingPhones: FAILING });

describe('generateSampleSchool', () => {
  it('returns the same school for the same seed', () => {
    expect(generateSampleSchool(options(7))).toEqual(generateSampleSchool(options(7)));
  });

  it('returns another school for another seed', () => {
    expect(generateSampleSchool(options(8)).guardians).not.toEqual(generateSampleSchool(options(7)).guardians);
  });

  it('keeps the people when only the contact tag changes', () => {
    const first = generateSampleSchool(options(7, 'run-a'));
    const second = generateSampleSchool(options(7, 'run-b'));

    expect(second.students).toEqual(first.students);
    expect(second.guardians.map((guardian) => guardian.fullName)).toEqual(first.guardians.map((guardian) => guardian.fullName));
    expect(second.guardians.map((guardian) => guardian.email)).not.toEqual(first.guardians.map((guardian) => guardian.email));
  });

  it.each([1, 2, 3, 20_261_207])('keeps counts in range for seed %i', (seed) => {
    const school = generateSampleSchool(options(seed));

    expect(school.classes.map((schoolClass) => schoolClass.name)).toEqual(['7А', '9Б']);
    expect(school.students.length).toBeGreaterThanOrEqual(46);
    expect(school.students.length).toBeLessThanOrEqual(52);
    expect(school.guardians.length).toBeGreaterThanOrEqual(65);
    expect(school.guardians.length).toBeLessThanOrEqual(95);
  });

  it.each([1, 2, 3, 20_261_207])('gives some guardians children in both classes for seed %i', (seed) => {
    const school = generateSampleSchool(options(seed));
    const classOf = new Map(school.students.map((student) => [student.studentId, student.classId]));
    const twoClasses = school.guardians.filter(
      (guardian) => new Set(guardian.studentIds.map((studentId) => classOf.get(studentId))).size === 2,
    );

    expect(twoClasses.length).toBeGreaterThanOrEqual(6);
  });

  it.each([1, 2, 3, 20_261_207])('gives siblings different first names for seed %i', (seed) => {
    const school = generateSampleSchool(options(seed));
    const nameOf = new Map(school.students.map((student) => [student.studentId, student.fullName]));
    const families = school.guardians.filter((guardian) => guardian.studentIds.length > 1);

    expect(families.length).toBeGreaterThan(0);
    for (const guardian of families) {
      const firstNames = guardian.studentIds.map((studentId) => nameOf.get(studentId)?.split(' ')[1]);
      expect({ guardianId: guardian.guardianId, firstNames: new Set(firstNames).size }).toEqual({
        guardianId: guardian.guardianId,
        firstNames: firstNames.length,
      });
    }
  });

  it('gives every student at least one guardian', () => {
    const school = generateSampleSchool(options(20_261_207));
    const covered = new Set(school.guardians.flatMap((guardian) => guardian.studentIds));

    expect(school.students.filter((student) => !covered.has(student.studentId))).toEqual([]);
  });

  it('mixes consent choices and channels', () => {
    const school = generateSampleSchool(options(20_261_207));
    const consents = new Set(school.guardians.map((guardian) => guardian.consent));
    const channelSets = new Set(school.guardians.map((guardian) => guardian.channels.join('+')));

    expect([...consents].sort()).toEqual(['granted', 'not-given', 'refused']);
    expect([...channelSets].sort()).toEqual(['email', 'email+sms', 'paper', 'sms']);
  });

  it('gives the failing numbers to SMS-only guardians with consent', () => {
    const school = generateSampleSchool(options(20_261_207));
    const failing = school.guardians.filter((guardian) => guardian.failingPhone !== undefined);

    expect(failing.map((guardian) => guardian.phoneE164).sort()).toEqual(Object.values(FAILING).sort());
    for (const guardian of failing) {
      expect(guardian.channels).toEqual(['sms']);
      expect(guardian.consent).toBe('granted');
    }
  });

  it('writes each phone as typed and as the same E.164 number', () => {
    const school = generateSampleSchool(options(20_261_207));

    for (const guardian of school.guardians.filter((candidate) => candidate.phoneE164 !== undefined)) {
      expect(`+7${(guardian.phoneAsTyped ?? '').replace(/\D/g, '').slice(1)}`).toBe(guardian.phoneE164);
    }
  });

  it('gives every email or SMS guardian the contact of that channel', () => {
    const school = generateSampleSchool(options(20_261_207));

    for (const guardian of school.guardians) {
      if (guardian.channels.includes('email')) expect(guardian.email).toBeDefined();
      if (guardian.channels.includes('sms')) expect(guardian.phoneE164).toBeDefined();
    }
  });
});
