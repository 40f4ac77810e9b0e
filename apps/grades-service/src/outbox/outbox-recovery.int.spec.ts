import { TOPICS } from '@ediary/contracts';
import { freePort, testInfra, uniqueName } from '@ediary/testing';
import { Mark } from '../marks/mark.schema';
import { MarksOutboxRelay } from '../marks/marks-outbox.relay';
import { callApi, startGradesApp, TopicRecorder, type GradesTestApp, type GradesTestEnvironment } from '../testing/grades-test-app';

const STUDENT_ID = 'student-outbox-1';

const mark = (markId: string) => ({
  markId,
  schoolId: 'school-17',
  classId: '8v',
  studentId: STUDENT_ID,
  subject: 'Биология',
  lessonDate: '2026-12-04',
  assignmentType: 'Ответ на уроке',
  weight: 1,
  value: 4,
});

describe('outbox recovery', () => {
  let environment: GradesTestEnvironment;
  let grades: GradesTestApp | undefined;
  let recorder: TopicRecorder<typeof TOPICS.marks> | undefined;
  let journalKey: string;

  const post = (app: GradesTestApp, markId: string) =>
    callApi(app.baseUrl, 'POST', '/v1/marks', { apiKey: journalKey, body: { marks: [mark(markId)] } });
  const storedMark = (app: GradesTestApp, markId: string) => app.model<Mark>(Mark.name).findOne({ markId }).lean();

  beforeAll(async () => {
    const infra = testInfra();
    environment = {
      kafkaBrokers: infra.kafkaBrokers,
      mongoUrl: infra.mongoUrl,
      isolationName: uniqueName('grades-outbox'),
      port: await freePort(),
    };
  });

  afterAll(async () => {
    await recorder?.stop();
    await grades?.close();
  }, 30_000);

  it('publishes an event stored before a crash exactly once after the restart', async () => {
    const crashed = await startGradesApp(environment);
    journalKey = (await crashed.apiKeys.issue('journal', 'Электронный журнал')).apiKey;
    // The relay stops before the write, as if the process died between storing and publishing.
    await crashed.app.get(MarksOutboxRelay).stop();
    const response = await post(crashed, 'm-before-crash');
    const pending = await storedMark(crashed, 'm-before-crash');
    await crashed.close();

    grades = await startGradesApp({ ...environment, port: await freePort() });
    recorder = await TopicRecorder.start(grades.config, TOPICS.marks);
    const [published] = await recorder.waitFor((event) => event.payload.markId === 'm-before-crash');
    // A later mark of the same student is published after any repeat of the first one.
    await post(grades, 'm-after-restart');
    await recorder.waitFor((event) => event.payload.markId === 'm-after-restart');
    const drained = await storedMark(grades, 'm-before-crash');

    expect(response.status).toBe(201);
    expect(pending?.hasPendingEvents).toBe(true);
    expect(pending?.pendingEvents).toHaveLength(1);
    expect(published?.eventId).toBe(pending?.pendingEvents[0]?.eventId);
    expect(recorder.events.filter((event) => event.payload.markId === 'm-before-crash')).toHaveLength(1);
    expect(drained?.pendingEvents).toEqual([]);
    expect(drained?.hasPendingEvents).toBe(false);
  }, 90_000);

  it('keeps the eventId when a crash after sending publishes an event twice', async () => {
    if (!grades || !recorder) throw new Error('the previous test did not start the service');
    const relay = grades.app.get(MarksOutboxRelay);
    await relay.stop();
    await post(grades, 'm-sent-twice');
    const beforeSending = await storedMark(grades, 'm-sent-twice');

    await relay.drain();
    // The crash came after the broker's acknowledgement but before the event was removed.
    await grades.model<Mark>(Mark.name).updateOne(
      { markId: 'm-sent-twice' },
      { $set: { pendingEvents: beforeSending?.pendingEvents ?? [], hasPendingEvents: true } },
    );
    await relay.drain();
    const events = await recorder.waitFor((event) => event.payload.markId === 'm-sent-twice', 2);
    const after = await storedMark(grades, 'm-sent-twice');

    expect(events).toHaveLength(2);
    expect(events[0]?.eventId).toBe(beforeSending?.pendingEvents[0]?.eventId);
    expect(events[1]?.eventId).toBe(events[0]?.eventId);
    expect(after?.pendingEvents).toEqual([]);
  }, 60_000);
});
