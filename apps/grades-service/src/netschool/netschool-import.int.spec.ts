import { TOPICS } from '@ediary/contracts';
import { freePort, testInfra, uniqueName } from '@ediary/testing';
import { Mark } from '../marks/mark.schema';
import { callApi, startGradesApp, TopicRecorder, type GradesTestApp } from '../testing/grades-test-app';
import fixture from './fixtures/diary-week-7a.json';
import type { NetSchoolImportResult } from './netschool-import.service';

const STUDENT_ID = 'student-netschool-1';

function importBody(change: (diary: typeof fixture.diary) => void = () => undefined) {
  const copy = structuredClone(fixture);
  change(copy.diary);
  return { schoolId: 'school-17', classId: '7a', studentIds: { '40517': STUDENT_ID }, ...copy };
}

describe('NetSchool import', () => {
  let grades: GradesTestApp;
  let journalKey: string;
  let recorder: TopicRecorder<typeof TOPICS.marks>;

  const importDiary = (body: unknown) =>
    callApi<NetSchoolImportResult>(grades.baseUrl, 'POST', '/v1/imports/netschool', { apiKey: journalKey, body });

  beforeAll(async () => {
    const infra = testInfra();
    grades = await startGradesApp({
      kafkaBrokers: infra.kafkaBrokers,
      mongoUrl: infra.mongoUrl,
      isolationName: uniqueName('grades-netschool'),
      port: await freePort(),
    });
    journalKey = (await grades.apiKeys.issue('journal', 'Электронный журнал')).apiKey;
    recorder = await TopicRecorder.start(grades.config, TOPICS.marks);
  }, 60_000);

  afterAll(async () => {
    await recorder?.stop();
    await grades?.close();
  }, 30_000);

  it('rejects a diary with an unknown typeId and stores nothing', async () => {
    const body = importBody((diary) => {
      const assignment = diary.weekDays[1]?.lessons[0]?.assignments?.[0];
      if (assignment) assignment.typeId = 99;
    });

    const response = await callApi(grades.baseUrl, 'POST', '/v1/imports/netschool', { apiKey: journalKey, body });

    expect(response.status).toBe(422);
    expect(response.body.error.details).toEqual([
      {
        field: 'diary.weekDays[1].lessons[0].assignments[0].typeId',
        code: 'UNKNOWN_ASSIGNMENT_TYPE',
        message: 'Неизвестный вид работы typeId 99: его нет в assignmentTypes',
      },
    ]);
    expect(await grades.model<Mark>(Mark.name).countDocuments({ studentId: STUDENT_ID })).toBe(0);
  });

  it('records the diary once when it is imported twice', async () => {
    const first = await importDiary(importBody());
    await recorder.waitFor((event) => event.payload.studentId === STUDENT_ID, 7);

    const second = await importDiary(importBody());
    const stored = await grades.model<Mark>(Mark.name).find({ studentId: STUDENT_ID }).lean();

    expect(first.status).toBe(201);
    expect(first.body.summary).toEqual({ recorded: 7, corrected: 0, unchanged: 0, withoutMark: 2 });
    expect(second.status).toBe(200);
    expect(second.body.summary).toEqual({ recorded: 0, corrected: 0, unchanged: 7, withoutMark: 2 });
    expect(stored).toHaveLength(7);
    expect(stored.every((mark) => mark.revision === 1)).toBe(true);
  });

  it('publishes a changed mark as a correction', async () => {
    const changed = importBody((diary) => {
      const mark = diary.weekDays[0]?.lessons[0]?.assignments?.[0]?.mark;
      if (mark) mark.mark = 5;
    });

    const response = await importDiary(changed);
    await recorder.waitFor((event) => event.payload.action === 'corrected');

    expect(response.body.results.find((result) => result.markId === 'netschool-5510001-40517')?.status).toBe('corrected');
    expect(response.body.summary).toEqual({ recorded: 0, corrected: 1, unchanged: 6, withoutMark: 2 });
    // Seven recordings from the first import and this correction: the repeated import published nothing.
    expect(recorder.events.filter((event) => event.payload.studentId === STUDENT_ID).map((event) => event.payload.action).sort()).toEqual([
      'corrected',
      ...Array<string>(7).fill('recorded'),
    ]);
    expect(recorder.events.find((event) => event.payload.action === 'corrected')?.payload.value).toBe(5);
  });

  it('publishes an overdue task as overdue', async () => {
    const [event] = await recorder.waitFor((candidate) => candidate.payload.markId === 'netschool-5510006-40517');

    expect(event?.payload.overdue).toBe(true);
  });
});
