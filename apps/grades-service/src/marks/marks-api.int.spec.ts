import { TOPICS } from '@ediary/contracts';
import { freePort, testInfra, uniqueName } from '@ediary/testing';
import { CORRELATION_ID_HEADER } from '../http/correlation-id';
import { callApi, startGradesApp, TopicRecorder, type BatchBody, type GradesTestApp } from '../testing/grades-test-app';
import { Mark } from './mark.schema';

const mark = (markId: string, studentId = 'student-marks-1') => ({
  markId,
  schoolId: 'school-17',
  classId: '7a',
  studentId,
  subject: 'Алгебра',
  lessonDate: '2026-12-03',
  assignmentType: 'Контрольная работа',
  weight: 2,
  value: 5,
});

interface MarksPage {
  items: { markId: string; value: unknown; revision: number }[];
  nextCursor: string | null;
}

describe('marks API', () => {
  let grades: GradesTestApp;
  let recorder: TopicRecorder<typeof TOPICS.marks>;
  let journalKey: string;
  let operatorKey: string;

  const post = (body: unknown, apiKey = journalKey) => callApi<BatchBody>(grades.baseUrl, 'POST', '/v1/marks', { apiKey, body });
  const eventsOf = (markId: string) => recorder.events.filter((event) => event.payload.markId === markId);

  beforeAll(async () => {
    const infra = testInfra();
    grades = await startGradesApp({
      kafkaBrokers: infra.kafkaBrokers,
      mongoUrl: infra.mongoUrl,
      isolationName: uniqueName('grades-marks'),
      port: await freePort(),
    });
    journalKey = (await grades.apiKeys.issue('journal', 'Электронный журнал')).apiKey;
    operatorKey = (await grades.apiKeys.issue('operator', 'Оператор')).apiKey;
    recorder = await TopicRecorder.start(grades.config, TOPICS.marks);
  }, 60_000);

  afterAll(async () => {
    await recorder?.stop();
    await grades?.close();
  }, 30_000);

  it('rejects a request without a key with 401', async () => {
    const response = await callApi(grades.baseUrl, 'POST', '/v1/marks', { body: { marks: [mark('m-no-key')] } });

    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('API_KEY_MISSING');
  });

  it('rejects a write with an operator key with 403', async () => {
    const response = await callApi(grades.baseUrl, 'POST', '/v1/marks', { apiKey: operatorKey, body: { marks: [mark('m-operator')] } });

    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('ROLE_FORBIDDEN');
  });

  it('serves /health without a key', async () => {
    const response = await callApi(grades.baseUrl, 'GET', '/health');

    expect(response.status).toBe(200);
  });

  it('names every bad field in Russian and stores nothing', async () => {
    const marks = [mark('m-422-a'), { ...mark('m-422-b'), value: 7 }, { ...mark('m-422-c'), lessonDate: '03.12.2026' }];

    const response = await callApi(grades.baseUrl, 'POST', '/v1/marks', { apiKey: journalKey, body: { marks } });

    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details).toEqual([
      { field: 'marks[1].value', code: 'INVALID_MARK', message: expect.stringContaining('Недопустимая отметка 7') },
      { field: 'marks[2].lessonDate', code: 'INVALID_DATE', message: expect.stringContaining('Неверная дата') },
    ]);
    expect(await grades.model<Mark>(Mark.name).countDocuments({ markId: { $in: ['m-422-a', 'm-422-b', 'm-422-c'] } })).toBe(0);
  });

  it('publishes a recorded mark keyed by student with the request correlation id', async () => {
    const response = await post({ marks: [mark('m-recorded')] });
    const [event] = await recorder.waitFor((candidate) => candidate.payload.markId === 'm-recorded');

    expect(response.status).toBe(201);
    expect(response.body.results).toEqual([{ markId: 'm-recorded', status: 'recorded' }]);
    expect(event?.payload).toMatchObject({ action: 'recorded', value: 5, weight: 2, overdue: false, studentId: 'student-marks-1' });
    expect(event?.correlationId).toBe(response.headers.get(CORRELATION_ID_HEADER));
    expect(recorder.keyOf(event)).toBe('student-marks-1');
  });

  it('stores and publishes nothing for a repeated POST', async () => {
    await post({ marks: [mark('m-repeat')] });
    await recorder.waitFor((event) => event.payload.markId === 'm-repeat');

    const repeated = await post({ marks: [mark('m-repeat')] });
    // A correction of the same mark is published after anything the repeat might have published.
    await callApi(grades.baseUrl, 'PUT', '/v1/marks/m-repeat', { apiKey: journalKey, body: { value: 4 } });
    await recorder.waitFor((event) => event.payload.markId === 'm-repeat' && event.payload.action === 'corrected');

    expect(repeated.status).toBe(200);
    expect(repeated.body.results).toEqual([{ markId: 'm-repeat', status: 'unchanged' }]);
    expect(eventsOf('m-repeat').map((event) => event.payload.action)).toEqual(['recorded', 'corrected']);
  });

  it('publishes a correction with the new value', async () => {
    await post({ marks: [mark('m-correct')] });

    const response = await callApi(grades.baseUrl, 'PUT', '/v1/marks/m-correct', {
      apiKey: journalKey,
      body: { value: 'зач', assignmentType: 'Зачёт' },
    });
    const [corrected] = await recorder.waitFor((event) => event.payload.markId === 'm-correct' && event.payload.action === 'corrected');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ markId: 'm-correct', status: 'corrected' });
    expect(corrected?.payload.value).toBe('зач');
    expect(corrected?.payload.assignmentType).toBe('Зачёт');
    expect(corrected?.payload.weight).toBe(2);
  });

  it('reports a correction to the same value as unchanged', async () => {
    await post({ marks: [mark('m-same-correction')] });

    const response = await callApi(grades.baseUrl, 'PUT', '/v1/marks/m-same-correction', { apiKey: journalKey, body: { value: 5 } });

    expect(response.body).toEqual({ markId: 'm-same-correction', status: 'unchanged' });
  });

  it('rejects a changed markId with 409', async () => {
    await post({ marks: [mark('m-conflict')] });

    const response = await callApi(grades.baseUrl, 'POST', '/v1/marks', {
      apiKey: journalKey,
      body: { marks: [mark('m-conflict-new'), { ...mark('m-conflict'), value: 3 }] },
    });

    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('MARK_ALREADY_EXISTS');
    expect(response.body.error.details).toEqual([
      { field: 'marks[1].markId', code: 'MARK_ALREADY_EXISTS', message: expect.stringContaining('PUT /v1/marks/m-conflict') },
    ]);
    expect(await grades.model<Mark>(Mark.name).countDocuments({ markId: 'm-conflict-new' })).toBe(0);
  });

  it('deletes a mark once and publishes the deletion without a value', async () => {
    await post({ marks: [mark('m-delete')] });

    const first = await callApi(grades.baseUrl, 'DELETE', '/v1/marks/m-delete', { apiKey: journalKey });
    const second = await callApi(grades.baseUrl, 'DELETE', '/v1/marks/m-delete', { apiKey: journalKey });
    const [deleted] = await recorder.waitFor((event) => event.payload.markId === 'm-delete' && event.payload.action === 'deleted');

    expect(first.body).toEqual({ markId: 'm-delete', status: 'deleted' });
    expect(second.body).toEqual({ markId: 'm-delete', status: 'unchanged' });
    expect(deleted?.payload.value).toBeUndefined();
  });

  it('rejects recording a deleted mark again', async () => {
    await post({ marks: [mark('m-deleted-repost')] });
    await callApi(grades.baseUrl, 'DELETE', '/v1/marks/m-deleted-repost', { apiKey: journalKey });

    const response = await callApi(grades.baseUrl, 'POST', '/v1/marks', { apiKey: journalKey, body: { marks: [mark('m-deleted-repost')] } });

    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('MARK_DELETED');
  });

  it('answers 404 for a correction of an unknown mark', async () => {
    const response = await callApi(grades.baseUrl, 'PUT', '/v1/marks/m-unknown', { apiKey: journalKey, body: { value: 4 } });

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('MARK_NOT_FOUND');
  });

  it('records one mark for concurrent identical POSTs', async () => {
    const responses = await Promise.all(Array.from({ length: 6 }, () => post({ marks: [mark('m-concurrent')] })));
    await post({ marks: [{ ...mark('m-concurrent-after'), studentId: 'student-marks-1' }] });
    await recorder.waitFor((event) => event.payload.markId === 'm-concurrent-after');

    const statuses = responses.map((response) => response.body.results[0]?.status).sort();
    expect(responses.map((response) => response.status).every((status) => status === 200 || status === 201)).toBe(true);
    expect(statuses).toEqual(['recorded', 'unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(eventsOf('m-concurrent')).toHaveLength(1);
  });

  it('answers 409, not 500, to concurrent POSTs of one markId with different values', async () => {
    const responses = await Promise.all([3, 4, 5].map((value) => post({ marks: [{ ...mark('m-race'), value }] })));

    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 409, 409]);
  });

  it('lets an operator page through a student\'s marks', async () => {
    await post({ marks: ['m-page-1', 'm-page-2', 'm-page-3'].map((markId) => mark(markId, 'student-paged')) });

    const first = await callApi<MarksPage>(grades.baseUrl, 'GET', '/v1/marks?studentId=student-paged&limit=2', { apiKey: operatorKey });
    const second = await callApi<MarksPage>(
      grades.baseUrl,
      'GET',
      `/v1/marks?studentId=student-paged&limit=2&cursor=${first.body.nextCursor ?? ''}`,
      { apiKey: operatorKey },
    );

    expect(first.status).toBe(200);
    expect(first.body.items.map((item) => item.markId)).toEqual(['m-page-3', 'm-page-2']);
    expect(second.body.items.map((item) => item.markId)).toEqual(['m-page-1']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('names an invalid limit of the list', async () => {
    const response = await callApi(grades.baseUrl, 'GET', '/v1/marks?studentId=student-paged&limit=500', { apiKey: operatorKey });

    expect(response.status).toBe(422);
    expect(response.body.error.details[0]?.field).toBe('limit');
  });
});
