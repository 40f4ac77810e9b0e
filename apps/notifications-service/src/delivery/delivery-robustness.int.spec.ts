import { TOPICS, type EventEnvelope } from '@ediary/contracts';
import { readMailIndex, readSmsRecords, testInfra } from '@ediary/testing';
import { Queue } from 'bullmq';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import {
  deliveryLog,
  eventually,
  publishGuardian,
  startNotifications,
  uniquePhone,
  utcClock,
  waitForGuardians,
  type NotificationsUnderTest,
} from '../../test/notifications-harness';
import { bullConnection } from './delivery-queues';

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000).toISOString();

const mailTo = async (address: string) =>
  (await readMailIndex(testInfra().mailDataDir)).filter((entry) => entry.envelopeTo.includes(address));

const smsTo = async (phone: string) => (await readSmsRecords(testInfra().smsDataDir)).filter((record) => record.to === phone);

function examResult(harness: NotificationsUnderTest, label: string, studentId: string, resultsObtainedAt: string) {
  return {
    schoolId: 'school-1',
    classId: `${harness.prefix}-9a`,
    studentId,
    examResultId: `${harness.prefix}-${label}`,
    examKind: 'ОГЭ',
    subject: 'Математика',
    score: 27,
    mark: 5,
    resultsObtainedAt,
  };
}

async function addGuardian(
  harness: NotificationsUnderTest,
  label: string,
  contact: { email?: string; phone?: string },
): Promise<{ guardianId: string; studentId: string }> {
  const guardianId = `${harness.prefix}-${label}`;
  const studentId = `${harness.prefix}-${label}-child`;
  await publishGuardian(harness, {
    guardianId,
    fullName: 'Морозова Елена Николаевна',
    ...contact,
    channels: contact.email ? ['email'] : ['sms'],
    students: [{ studentId, classId: `${harness.prefix}-9a`, fullName: 'Морозов Алексей' }],
    consent: 'granted',
  });
  await waitForGuardians(harness, [guardianId]);
  return { guardianId, studentId };
}

describe('SMS quiet hours and segment budget', () => {
  let harness: NotificationsUnderTest;

  beforeAll(async () => {
    // Quiet hours around now, in the school's zone (UTC in these tests).
    harness = await startNotifications({ QUIET_HOURS_START: utcClock(-60), QUIET_HOURS_END: utcClock(180), SMS_MAX_SEGMENTS: '1' });
  });

  afterAll(async () => {
    await harness.stop();
  });

  it('holds an SMS until quiet hours end when the deadline allows', async () => {
    const phone = uniquePhone();
    const { guardianId, studentId } = await addGuardian(harness, 'quiet-hold', { phone });

    await harness.publish(TOPICS.examResults, examResult(harness, 'exam-hold', studentId, new Date().toISOString()), studentId);
    const entry = await eventually('the queued SMS notification', async () => (await deliveryLog(harness, guardianId))[0]);
    const queue = new Queue(`sms`, { connection: bullConnection(testInfra().redisUrl), prefix: harness.prefix });
    const delayed = await eventually('the delayed SMS job', async () => ((await queue.getDelayedCount()) > 0 ? true : undefined));
    await queue.close();
    await new Promise((resolve) => setTimeout(resolve, 1500));

    expect(entry.status).toBe('queued');
    expect(delayed).toBe(true);
    expect(await smsTo(phone)).toHaveLength(0);
  });

  it('sends during quiet hours when waiting would miss the deadline', async () => {
    const phone = uniquePhone();
    const { studentId } = await addGuardian(harness, 'quiet-urgent', { phone });

    // Obtained three days ago less 30 minutes: the deadline comes before quiet hours end.
    await harness.publish(TOPICS.examResults, examResult(harness, 'exam-urgent', studentId, hoursAgo(72 - 0.5)), studentId);
    const [sms] = await eventually('the urgent SMS', async () => {
      const records = await smsTo(phone);
      return records.length > 0 ? records : undefined;
    });

    expect(sms?.numSegments).toBe(1);
    expect(sms?.encoding).toBe('UCS-2');
  });
});

describe('delivery under failures', () => {
  let harness: NotificationsUnderTest;

  beforeAll(async () => {
    harness = await startNotifications({ WORKER_LOCK_MS: '2000' });
  });

  afterAll(async () => {
    await harness.stop();
  });

  it('sends once through a slow SMTP server', async () => {
    // The sink holds its reply for 7 s, longer than three lock periods of the worker.
    const slowAddress = `slow-7000ms-${harness.prefix}@school.example`;
    const fastAddress = `${harness.prefix}-fast@school.example`;
    const slow = await addGuardian(harness, 'slow-smtp', { email: slowAddress });
    const fast = await addGuardian(harness, 'fast-smtp', { email: fastAddress });

    await harness.publish(TOPICS.examResults, examResult(harness, 'exam-slow', slow.studentId, hoursAgo(1)), slow.studentId);
    await harness.publish(TOPICS.examResults, examResult(harness, 'exam-fast', fast.studentId, hoursAgo(1)), fast.studentId);
    await eventually('the fast email', async () => ((await mailTo(fastAddress)).length > 0 ? true : undefined));
    const slowBeforeFast = (await mailTo(slowAddress)).length;
    const entry = await eventually('the slow email sent', async () =>
      (await deliveryLog(harness, slow.guardianId)).find((log) => log.status === 'sent'),
    );
    await new Promise((resolve) => setTimeout(resolve, 3000));

    expect(slowBeforeFast).toBe(0);
    expect(await mailTo(slowAddress)).toHaveLength(1);
    expect(entry.attempts).toBe(1);
  }, 60_000);

  it('keeps delivered when a late sent callback arrives', async () => {
    const phone = uniquePhone();
    const { guardianId, studentId } = await addGuardian(harness, 'late-callback', { phone });
    await harness.publish(TOPICS.examResults, examResult(harness, 'exam-callback', studentId, hoursAgo(1)), studentId);
    const delivered = await eventually('the delivered SMS', async () =>
      (await deliveryLog(harness, guardianId)).find((log) => log.status === 'delivered'),
    );
    const [sms] = await smsTo(phone);
    const url = `${harness.service.baseUrl}/v1/twilio/status`;
    const params = { MessageSid: sms?.sid ?? '', MessageStatus: 'sent', AccountSid: testInfra().smsCredentials.accountSid };

    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': getExpectedTwilioSignature(testInfra().smsCredentials.authToken, url, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    const [after] = (await deliveryLog(harness, guardianId)).filter((log) => log.notificationId === delivered.notificationId);

    expect(response.status).toBe(204);
    expect(after?.status).toBe('delivered');
    expect(after?.history.map((change) => change.status)).toEqual(delivered.history.map((change) => change.status));
  });

  it('rejects a status callback without a valid signature', async () => {
    const response = await fetch(`${harness.service.baseUrl}/v1/twilio/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'forged' },
      body: new URLSearchParams({ MessageSid: 'SM0', MessageStatus: 'delivered' }).toString(),
    });

    expect(response.status).toBe(403);
  });

  it('moves a poison message to the dead-letter topic and delivers the next one', async () => {
    const address = `${harness.prefix}-after-poison@school.example`;
    const { studentId } = await addGuardian(harness, 'poison', { email: address });
    const deadLetters: EventEnvelope<typeof TOPICS.deadLetter>[] = [];
    const dlq = harness.gateway.createConsumer({
      topic: TOPICS.deadLetter,
      groupId: 'test-dead-letters',
      handle: async (envelope) => {
        deadLetters.push(envelope);
      },
    });
    await dlq.start();
    const producer = new Kafka({ brokers: testInfra().kafkaBrokers, logLevel: logLevel.NOTHING }).producer({
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();

    await producer.send({
      topic: `${harness.prefix}.${TOPICS.examResults}`,
      messages: [{ key: studentId, value: JSON.stringify({ eventId: 'not-a-uuid', payload: { studentId } }) }],
    });
    await producer.disconnect();
    await harness.publish(TOPICS.examResults, examResult(harness, 'exam-after-poison', studentId, hoursAgo(1)), studentId);
    await eventually('the email after the poison message', async () => ((await mailTo(address)).length > 0 ? true : undefined));
    const letter = await eventually('the dead letter', async () =>
      deadLetters.find((entry) => entry.payload.sourceTopic === `${harness.prefix}.${TOPICS.examResults}`),
    );
    await dlq.stop();

    expect(letter.payload.errorCode).toBe('CONTRACT_VIOLATION');
    expect(letter.payload.errorMessage).toContain('eventId');
    expect(letter.payload.value).toContain('not-a-uuid');
  });

  it('neither loses nor duplicates messages across a restart mid-stream', async () => {
    const count = 12;
    const students: { studentId: string; address: string }[] = [];
    for (let index = 0; index < count; index += 1) {
      const address = `${harness.prefix}-restart-${index}@school.example`;
      const { studentId } = await addGuardian(harness, `restart-${index}`, { email: address });
      students.push({ studentId, address });
    }

    for (const [index, student] of students.entries()) {
      if (index === count / 2) await harness.restart();
      await harness.publish(TOPICS.examResults, examResult(harness, `exam-restart-${index}`, student.studentId, hoursAgo(1)), student.studentId);
    }
    await eventually('every email after the restart', async () => {
      const counts = await Promise.all(students.map(async (student) => (await mailTo(student.address)).length));
      return counts.every((received) => received >= 1) ? counts : undefined;
    }, 120_000);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const counts = await Promise.all(students.map(async (student) => (await mailTo(student.address)).length));

    expect(counts).toEqual(students.map(() => 1));
  }, 200_000);
});
