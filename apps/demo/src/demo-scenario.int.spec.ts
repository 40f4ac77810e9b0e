import { readRawMessage, SANDBOX_NUMBERS, testInfra, uniqueName } from '@ediary/testing';
import { simpleParser } from 'mailparser';
import { join } from 'node:path';
import { runDemoScenario, type DemoOutcome, type GuardianOutcome } from './scenario/demo-scenario';
import type { SampleGuardian } from './school/sample-school.generator';

type UrgentKind = 'final-grade' | 'deferral' | 'exam-result';
type Kind = UrgentKind | 'daily-digest';

const EMAIL_SUBJECT_PREFIX: Record<Kind, string> = {
  'daily-digest': 'Электронный дневник: отметки и задания',
  'final-grade': 'Итоговая отметка за',
  deferral: 'Итоговая отметка перенесена',
  'exam-result': 'Результат ОГЭ',
};

const FAILURE_REASON = {
  invalidNumber: 'twilio-21211',
  unsubscribed: 'twilio-21610',
  unreachable: 'twilio-30003',
  landline: 'twilio-30006',
} as const;

interface UrgentNews {
  kind: UrgentKind;
  studentId: string;
  late: boolean;
}

/** The news a guardian must hear about: one digest plus every urgent result of their children. */
function newsFor(outcome: DemoOutcome, guardian: SampleGuardian): { kinds: Kind[]; urgent: UrgentNews[] } {
  const mine = (studentId: string) => guardian.studentIds.includes(studentId);
  const urgent: UrgentNews[] = [
    ...outcome.plan.finalGrades.filter((item) => mine(item.studentId)).map((item) => ({ kind: 'final-grade' as const, studentId: item.studentId, late: false })),
    ...outcome.plan.deferrals.filter((item) => mine(item.studentId)).map((item) => ({ kind: 'deferral' as const, studentId: item.studentId, late: false })),
    ...outcome.plan.examResults
      .filter((item) => mine(item.studentId))
      .map((item) => ({ kind: 'exam-result' as const, studentId: item.studentId, late: item.examResultId === outcome.plan.lateExamResultId })),
  ];
  return { kinds: ['daily-digest', ...urgent.map((news) => news.kind)], urgent };
}

function countKinds(kinds: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of kinds) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

function kindOfSubject(subject: string | null): string {
  const match = (Object.entries(EMAIL_SUBJECT_PREFIX) as [Kind, string][]).find(([, prefix]) => subject?.startsWith(prefix));
  return match ? match[0] : `unknown subject: ${subject}`;
}

const electronicAllowed = (guardian: SampleGuardian) => guardian.consent === 'granted';

describe('demo scenario', () => {
  let outcome: DemoOutcome;

  beforeAll(async () => {
    const infra = testInfra();
    const prefix = uniqueName('demo');
    outcome = await runDemoScenario({
      prefix,
      seed: 20_261_207,
      endpoints: infra,
      mailDataDir: infra.mailDataDir,
      smsDataDir: infra.smsDataDir,
      failingPhones: SANDBOX_NUMBERS,
      logDir: join(infra.scratchDir, prefix),
      settleTimeoutMs: 120_000,
    });
  }, 420_000);

  const forEachGuardian = (check: (guardian: GuardianOutcome) => void) => {
    for (const guardian of outcome.guardians) check(guardian);
  };

  it('settles every delivery', () => {
    expect(outcome.settled).toBe(true);
  });

  it('runs one digest per guardian', () => {
    expect(outcome.digestRun.guardians).toBe(outcome.school.guardians.length);
  });

  it('sends email only to email guardians with consent', () => {
    forEachGuardian(({ guardian, emails }) => {
      const expected =
        electronicAllowed(guardian) && guardian.channels.includes('email') ? countKinds(newsFor(outcome, guardian).kinds) : {};
      expect({ guardianId: guardian.guardianId, emails: countKinds(emails.map((entry) => kindOfSubject(entry.subject))) }).toEqual({
        guardianId: guardian.guardianId,
        emails: expected,
      });
    });
  });

  it('sends SMS only to SMS guardians with consent', () => {
    forEachGuardian(({ guardian, sms }) => {
      if (guardian.failingPhone) return;
      const expected = electronicAllowed(guardian) && guardian.channels.includes('sms') ? newsFor(outcome, guardian).kinds.length : 0;
      expect({ guardianId: guardian.guardianId, sms: sms.length }).toEqual({ guardianId: guardian.guardianId, sms: expected });
    });
  });

  it('logs one notification per news and channel', () => {
    forEachGuardian(({ guardian, notifications }) => {
      const { kinds } = newsFor(outcome, guardian);
      const channels = electronicAllowed(guardian) ? guardian.channels : [...new Set(['paper', ...guardian.channels])];
      const expected = countKinds(channels.flatMap((channel) => kinds.map((kind) => `${channel}:${kind}`)));
      expect({ guardianId: guardian.guardianId, log: countKinds(notifications.map((entry) => `${entry.channel}:${entry.kind}`)) }).toEqual({
        guardianId: guardian.guardianId,
        log: expected,
      });
    });
  });

  it('gives each channel its expected final status', () => {
    forEachGuardian(({ guardian, notifications }) => {
      for (const entry of notifications) {
        let expected: { status: string; statusReason: string | null } | { status: string; statusReason: string | null }[];
        if (!electronicAllowed(guardian)) {
          expected =
            entry.channel === 'paper'
              ? { status: 'awaiting-print', statusReason: null }
              : { status: 'skipped', statusReason: 'no-personal-data-consent' };
        } else if (entry.channel === 'paper') {
          expected = { status: 'awaiting-print', statusReason: null };
        } else if (entry.channel === 'email') {
          expected = { status: 'sent', statusReason: null };
        } else if (guardian.failingPhone === 'unsubscribed') {
          // The first rejection records the number as unsubscribed; later news skip it.
          expected = [
            { status: 'failed', statusReason: FAILURE_REASON.unsubscribed },
            { status: 'skipped', statusReason: 'phone-unsubscribed' },
          ];
        } else if (guardian.failingPhone) {
          expected = { status: 'failed', statusReason: FAILURE_REASON[guardian.failingPhone] };
        } else {
          expected = { status: 'delivered', statusReason: null };
        }
        const actual = { status: entry.status, statusReason: entry.statusReason };
        const label = `${guardian.guardianId} ${entry.channel} ${entry.kind}`;
        if (Array.isArray(expected)) {
          expect({ label, actual: expected.some((option) => option.status === actual.status && option.statusReason === actual.statusReason) }).toEqual({
            label,
            actual: true,
          });
        } else {
          expect({ label, actual }).toEqual({ label, actual: expected });
        }
      }
    });
  });

  it('rejects every SMS to failing numbers', () => {
    const failing = outcome.guardians.filter(({ guardian }) => guardian.failingPhone !== undefined);
    expect(failing.map(({ guardian }) => guardian.failingPhone).sort()).toEqual(['invalidNumber', 'landline', 'unreachable', 'unsubscribed']);
    for (const { guardian, notifications } of failing) {
      const delivered = notifications.filter((entry) => entry.status === 'delivered' || entry.status === 'sent');
      expect({ guardianId: guardian.guardianId, delivered }).toEqual({ guardianId: guardian.guardianId, delivered: [] });
    }
  });

  it('covers all children in one digest email', async () => {
    const families = outcome.guardians.filter(
      ({ guardian }) => guardian.studentIds.length > 1 && electronicAllowed(guardian) && guardian.channels.includes('email'),
    );
    expect(families.length).toBeGreaterThan(0);
    for (const { guardian, emails } of families) {
      const digests = emails.filter((entry) => kindOfSubject(entry.subject) === 'daily-digest');
      expect({ guardianId: guardian.guardianId, digests: digests.length }).toEqual({ guardianId: guardian.guardianId, digests: 1 });
      const parsed = await simpleParser(await readRawMessage(outcome.mailDataDir, (digests[0] as { id: string }).id));
      for (const studentId of guardian.studentIds) {
        const name = outcome.school.students.find((student) => student.studentId === studentId)?.fullName ?? studentId;
        expect({ guardianId: guardian.guardianId, name, inText: (parsed.text ?? '').includes(name) }).toEqual({
          guardianId: guardian.guardianId,
          name,
          inText: true,
        });
      }
    }
  });

  it('reports every deadline item in its expected state', () => {
    forEachGuardian(({ guardian }) => {
      const { urgent } = newsFor(outcome, guardian);
      const reachable =
        electronicAllowed(guardian) &&
        (guardian.channels.includes('email') || (guardian.channels.includes('sms') && guardian.failingPhone === undefined));
      const expected = urgent
        .map((news) => `${news.kind}:${news.studentId}:${news.late ? 'breached' : reachable ? 'met' : 'on-track'}`)
        .sort();
      const actual = outcome.deadlines
        .filter((item) => item.guardianId === guardian.guardianId)
        .map((item) => `${item.kind}:${item.studentId}:${item.state}`)
        .sort();
      expect({ guardianId: guardian.guardianId, deadlines: actual }).toEqual({ guardianId: guardian.guardianId, deadlines: expected });
    });
  });

  it('marks only the late exam result as arrived late', () => {
    const late = outcome.deadlines.filter((item) => item.arrivedLate);
    const lateStudent = outcome.plan.examResults.find((item) => item.examResultId === outcome.plan.lateExamResultId)?.studentId;

    expect(late.length).toBeGreaterThan(0);
    for (const item of late) {
      expect({ itemId: item.itemId, kind: item.kind, studentId: item.studentId }).toEqual({
        itemId: item.itemId,
        kind: 'exam-result',
        studentId: lateStudent,
      });
    }
  });
});
