import { TOPICS } from '@ediary/contracts';
import { readMailIndex, readRawMessage, readSmsRecords, SANDBOX_NUMBERS, testInfra, type MailIndexEntry } from '@ediary/testing';
import { simpleParser } from 'mailparser';
import {
  deadlinesOf,
  deliveryLog,
  eventually,
  publishGuardian,
  startNotifications,
  uniquePhone,
  waitForGuardians,
  type GuardianFixture,
  type NotificationsUnderTest,
} from '../../test/notifications-harness';

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000).toISOString();

async function mailTo(address: string): Promise<MailIndexEntry[]> {
  return (await readMailIndex(testInfra().mailDataDir)).filter((entry) => entry.envelopeTo.includes(address));
}

async function mailText(entry: MailIndexEntry): Promise<string> {
  const parsed = await simpleParser(await readRawMessage(testInfra().mailDataDir, entry.id));
  return parsed.text ?? '';
}

async function smsTo(phone: string) {
  return (await readSmsRecords(testInfra().smsDataDir)).filter((record) => record.to === phone);
}

describe('notifications dispatch rules', () => {
  let harness: NotificationsUnderTest;
  let guardians: ReturnType<typeof makeGuardians>;
  const id = (label: string) => `${harness.prefix}-${label}`;

  function makeGuardians() {
    const student = (label: string, classId = '7a') => ({ studentId: id(label), classId: id(classId), fullName: `Учеников ${label}` });
    return {
      email: { guardianId: id('g-email'), fullName: 'Иванова Мария Петровна', email: `${id('g-email')}@school.example`, channels: ['email'], students: [student('s1'), student('s2', '5b')], consent: 'granted' },
      sms: { guardianId: id('g-sms'), fullName: 'Петров Иван Сергеевич', phone: uniquePhone(), channels: ['sms'], students: [student('s1')], consent: 'granted' },
      refused: { guardianId: id('g-refused'), fullName: 'Сидорова Анна Ивановна', email: `${id('g-refused')}@school.example`, phone: uniquePhone(), channels: ['email', 'sms'], students: [student('s1')], consent: 'refused' },
      never: { guardianId: id('g-never'), fullName: 'Кузнецов Олег Петрович', email: `${id('g-never')}@school.example`, channels: ['email'], students: [student('s1')], consent: 'not-given' },
      paper: { guardianId: id('g-paper'), fullName: 'Смирнова Ольга Викторовна', channels: ['paper'], students: [student('s1')], consent: 'granted' },
      invalid: { guardianId: id('g-invalid'), fullName: 'Волков Пётр Андреевич', phone: SANDBOX_NUMBERS.invalidNumber, channels: ['sms'], students: [student('s3')], consent: 'granted' },
      unsubscribed: { guardianId: id('g-unsub'), fullName: 'Зайцева Ирина Олеговна', phone: SANDBOX_NUMBERS.unsubscribed, channels: ['sms'], students: [student('s4')], consent: 'granted' },
      unreachable: { guardianId: id('g-unreach'), fullName: 'Орлов Денис Игоревич', phone: SANDBOX_NUMBERS.unreachable, channels: ['sms'], students: [student('s5')], consent: 'granted' },
    } satisfies Record<string, GuardianFixture>;
  }

  beforeAll(async () => {
    harness = await startNotifications({ DELIVERY_ATTEMPTS: '2', SMS_MAX_SEGMENTS: '2' });
    guardians = makeGuardians();
    for (const guardian of Object.values(guardians)) await publishGuardian(harness, guardian);
    await waitForGuardians(harness, Object.values(guardians).map((guardian) => guardian.guardianId));
  }, 120_000);

  afterAll(async () => {
    await harness.stop();
  });

  const finalGrade = (label: string, overrides: Record<string, unknown> = {}) => ({
    schoolId: 'school-1',
    classId: id('7a'),
    studentId: id('s1'),
    finalGradeId: id(label),
    subject: 'Математика',
    period: { kind: 'quarter' as const, number: 2, schoolYear: '2026/2027' },
    resultsObtainedAt: hoursAgo(1),
    outcome: { status: 'graded' as const, value: 5 },
    ...overrides,
  });

  it('routes a final grade by consent and channel', async () => {
    await harness.publish(TOPICS.finalGrades, finalGrade('fg-1'), id('s1'));

    const email = await eventually('the final grade email', async () => (await mailTo(guardians.email.email))[0]);
    const sms = await eventually('the final grade SMS', async () => {
      const records = await smsTo(guardians.sms.phone);
      return records.length > 0 ? records : undefined;
    });
    const refusedLog = await eventually('the refused guardian’s log', async () => {
      const log = await deliveryLog(harness, guardians.refused.guardianId);
      return log.length === 3 ? log : undefined;
    });
    const neverLog = await deliveryLog(harness, guardians.never.guardianId);
    const paperLog = await deliveryLog(harness, guardians.paper.guardianId);

    expect(email?.subject).toContain('Математика');
    expect(await mailText(email)).toContain('Мария Петровна');
    expect(sms).toHaveLength(1);
    expect(sms[0]?.body).toContain('5');
    expect(await mailTo(guardians.refused.email)).toHaveLength(0);
    expect(await smsTo(guardians.refused.phone)).toHaveLength(0);
    expect(refusedLog.map((entry) => [entry.channel, entry.status, entry.statusReason]).sort()).toEqual([
      ['email', 'skipped', 'no-personal-data-consent'],
      ['paper', 'awaiting-print', null],
      ['sms', 'skipped', 'no-personal-data-consent'],
    ]);
    expect(neverLog.filter((entry) => entry.channel === 'paper').map((entry) => entry.status)).toEqual(['awaiting-print']);
    expect(await mailTo(guardians.never.email)).toHaveLength(0);
    expect(paperLog.map((entry) => [entry.channel, entry.status])).toEqual([['paper', 'awaiting-print']]);
  });

  it('tracks the three-day deadline of each final grade', async () => {
    const items = await eventually('the email guardian’s deadline item met', async () => {
      const found = await deadlinesOf(harness, guardians.email.guardianId);
      return found.some((item) => item.state === 'met') ? found : undefined;
    });
    const paperItems = await deadlinesOf(harness, guardians.paper.guardianId);

    expect(items.find((item) => item.itemId.includes(id('fg-1')))?.deliveredVia).toBe('email');
    expect(paperItems.map((item) => item.state)).toEqual(['on-track']);
  });

  it('sends a late result at once and reports it breached', async () => {
    await harness.publish(
      TOPICS.examResults,
      {
        schoolId: 'school-1',
        classId: id('7a'),
        studentId: id('s1'),
        examResultId: id('exam-late'),
        examKind: 'ВПР',
        subject: 'Русский язык',
        mark: 4,
        resultsObtainedAt: hoursAgo(4 * 24),
      },
      id('s1'),
    );

    const item = await eventually('the late exam result delivered', async () => {
      const found = (await deadlinesOf(harness, guardians.email.guardianId)).find((entry) => entry.itemId.includes(id('exam-late')));
      return found?.state === 'breached' && found.deliveredVia ? found : undefined;
    });
    const mails = await mailTo(guardians.email.email);

    expect(item.arrivedLate).toBe(true);
    expect(mails.some((mail) => mail.subject?.includes('Русский язык'))).toBe(true);
  });

  it('announces a deferral for illness as a deferral', async () => {
    await harness.publish(
      TOPICS.finalGrades,
      finalGrade('fg-deferred', {
        subject: 'Физика',
        outcome: { status: 'deferred', reason: 'illness', deferredUntil: '2027-01-20' },
      }),
      id('s1'),
    );

    const mail = await eventually('the deferral email', async () =>
      (await mailTo(guardians.email.email)).find((entry) => entry.subject?.includes('Физика')),
    );
    const log = await deliveryLog(harness, guardians.email.guardianId);

    expect(await mailText(mail)).toContain('20 января 2027');
    expect(log.filter((entry) => entry.kind === 'deferral').map((entry) => entry.status)).toEqual(['sent']);
  });

  it('holds routine marks and homework for one daily digest per guardian', async () => {
    const mark = {
      schoolId: 'school-1',
      classId: id('7a'),
      studentId: id('s1'),
      markId: id('mark-1'),
      action: 'recorded' as const,
      subject: 'История',
      lessonDate: '2026-12-03',
      assignmentType: 'Домашнее задание',
      weight: 1,
      value: 4,
      changedAt: new Date().toISOString(),
    };
    await harness.publish(TOPICS.marks, mark, id('s1'));
    // A redelivered mark lands in the same Kafka batch or a later one; either way it is stored once.
    await harness.publish(TOPICS.marks, mark, id('s1'));
    await harness.publish(TOPICS.marks, { ...mark, markId: id('mark-2'), studentId: id('s2'), classId: id('5b'), subject: 'Биология', value: 5 }, id('s2'));
    await harness.publish(
      TOPICS.homework,
      { schoolId: 'school-1', classId: id('5b'), homeworkId: id('hw-1'), subject: 'География', assignedOn: '2026-12-03', dueDate: '2026-12-05', text: 'Параграф 12, вопросы 1–3' },
      id('5b'),
    );
    // Nothing routine is sent before the digest run.
    const mailsBefore = (await mailTo(guardians.email.email)).length;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect((await mailTo(guardians.email.email)).length).toBe(mailsBefore);

    const run = await harness.post<{ guardians: number; items: number }>('/v1/digests/run');
    const digest = await eventually('the digest email', async () =>
      (await mailTo(guardians.email.email)).find((entry) => entry.subject?.toLowerCase().includes('сводка') || entry.subject?.includes('дневник')),
    );
    const text = await mailText(digest);
    const digestEntries = (await deliveryLog(harness, guardians.email.guardianId)).filter((entry) => entry.kind === 'daily-digest');

    expect(run.guardians).toBeGreaterThanOrEqual(1);
    expect(text.split('История')).toHaveLength(2);
    expect(text).toContain('Биология');
    expect(text).toContain('География');
    expect(digestEntries).toHaveLength(1);
  });

  it('sends one notification per guardian and channel for a repeated event', async () => {
    await harness.publish(TOPICS.finalGrades, finalGrade('fg-twice', { subject: 'Химия' }), id('s1'));
    await harness.publish(TOPICS.finalGrades, finalGrade('fg-twice', { subject: 'Химия' }), id('s1'));
    const envelope = await harness.publisher.publish(TOPICS.finalGrades, finalGrade('fg-redelivered', { subject: 'Алгебра' }), { key: id('s1') });
    await harness.publisher.publish(TOPICS.finalGrades, finalGrade('fg-redelivered', { subject: 'Алгебра' }), {
      key: id('s1'),
      eventId: envelope.eventId,
    });

    await eventually('both emails', async () => {
      const mails = await mailTo(guardians.email.email);
      return mails.some((mail) => mail.subject?.includes('Химия')) && mails.some((mail) => mail.subject?.includes('Алгебра')) ? mails : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const mails = await mailTo(guardians.email.email);
    const log = await deliveryLog(harness, guardians.email.guardianId);

    expect(mails.filter((mail) => mail.subject?.includes('Химия'))).toHaveLength(1);
    expect(mails.filter((mail) => mail.subject?.includes('Алгебра'))).toHaveLength(1);
    expect(log.filter((entry) => entry.deadlineItemId?.includes(id('fg-twice')))).toHaveLength(1);
  });

  it('does not retry an invalid number and records the reason', async () => {
    await harness.publish(TOPICS.finalGrades, finalGrade('fg-invalid', { studentId: id('s3') }), id('s3'));

    const entry = await eventually('the failed SMS', async () =>
      (await deliveryLog(harness, guardians.invalid.guardianId)).find((log) => log.status === 'failed'),
    );

    expect(entry.statusReason).toBe('twilio-21211');
    expect(entry.attempts).toBe(1);
  });

  it('marks an unsubscribed phone and skips it afterwards', async () => {
    await harness.publish(TOPICS.finalGrades, finalGrade('fg-unsub-1', { studentId: id('s4') }), id('s4'));
    await eventually('the 21610 failure', async () =>
      (await deliveryLog(harness, guardians.unsubscribed.guardianId)).find((log) => log.statusReason === 'twilio-21610'),
    );

    await harness.publish(TOPICS.finalGrades, finalGrade('fg-unsub-2', { studentId: id('s4'), subject: 'Литература' }), id('s4'));
    const skipped = await eventually('the skipped SMS', async () =>
      (await deliveryLog(harness, guardians.unsubscribed.guardianId)).find((log) => log.status === 'skipped'),
    );

    expect(skipped.statusReason).toBe('phone-unsubscribed');
    expect((await smsTo(SANDBOX_NUMBERS.unsubscribed)).filter((record) => record.status !== 'rejected')).toHaveLength(0);
  });

  it('retries an unreachable phone a bounded number of times', async () => {
    await harness.publish(TOPICS.finalGrades, finalGrade('fg-unreach', { studentId: id('s5') }), id('s5'));

    const entry = await eventually('the final failure after retries', async () =>
      (await deliveryLog(harness, guardians.unreachable.guardianId)).find((log) => log.status === 'failed'),
    );

    expect(entry.statusReason).toBe('twilio-30003');
    expect(entry.attempts).toBe(2);
    expect(entry.history.map((change) => change.status)).toEqual(['queued', 'sent', 'retrying', 'sent', 'failed']);
  });
});
