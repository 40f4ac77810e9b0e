import { TOPICS } from '@ediary/contracts';
import { freePort, testInfra, uniqueName } from '@ediary/testing';
import { callApi, startGradesApp, TopicRecorder, type BatchBody, type GradesTestApp } from '../testing/grades-test-app';

const student = { schoolId: 'school-17', classId: '9b', studentId: 'student-records-1' };
const secondQuarter = { kind: 'quarter', number: 2, schoolYear: '2026/2027' };

interface FinalGradesPage {
  items: { finalGradeId: string; outcome: { status: string } }[];
  nextCursor: string | null;
}

describe('homework, final grades and exam results API', () => {
  let grades: GradesTestApp;
  let journalKey: string;
  let operatorKey: string;
  let homeworkEvents: TopicRecorder<typeof TOPICS.homework>;
  let finalGradeEvents: TopicRecorder<typeof TOPICS.finalGrades>;
  let examEvents: TopicRecorder<typeof TOPICS.examResults>;

  const post = (path: string, body: unknown) => callApi<BatchBody>(grades.baseUrl, 'POST', path, { apiKey: journalKey, body });

  beforeAll(async () => {
    const infra = testInfra();
    grades = await startGradesApp({
      kafkaBrokers: infra.kafkaBrokers,
      mongoUrl: infra.mongoUrl,
      isolationName: uniqueName('grades-records'),
      port: await freePort(),
    });
    journalKey = (await grades.apiKeys.issue('journal', 'Электронный журнал')).apiKey;
    operatorKey = (await grades.apiKeys.issue('operator', 'Оператор')).apiKey;
    [homeworkEvents, finalGradeEvents, examEvents] = await Promise.all([
      TopicRecorder.start(grades.config, TOPICS.homework),
      TopicRecorder.start(grades.config, TOPICS.finalGrades),
      TopicRecorder.start(grades.config, TOPICS.examResults),
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([homeworkEvents?.stop(), finalGradeEvents?.stop(), examEvents?.stop()]);
    await grades?.close();
  }, 30_000);

  it('publishes homework keyed by class', async () => {
    const homework = { homeworkId: 'hw-1', schoolId: 'school-17', classId: '9b', subject: 'Физика', assignedOn: '2026-12-03', dueDate: '2026-12-05', text: ' § 12, задачи 3–5 ' };

    const response = await post('/v1/homework', { homework: [homework] });
    const [event] = await homeworkEvents.waitFor((candidate) => candidate.payload.homeworkId === 'hw-1');

    expect(response.status).toBe(201);
    expect(response.body.results).toEqual([{ homeworkId: 'hw-1', status: 'recorded' }]);
    expect(event?.payload.text).toBe('§ 12, задачи 3–5');
    expect(homeworkEvents.keyOf(event)).toBe('9b');
  });

  it('names a due date before the assignment date', async () => {
    const homework = { homeworkId: 'hw-2', schoolId: 'school-17', classId: '9b', subject: 'Физика', assignedOn: '2026-12-03', dueDate: '2026-12-01', text: '§ 13' };

    const response = await callApi(grades.baseUrl, 'POST', '/v1/homework', { apiKey: journalKey, body: { homework: [homework] } });

    expect(response.status).toBe(422);
    expect(response.body.error.details).toEqual([
      { field: 'homework[0].dueDate', code: 'DUE_DATE_BEFORE_ASSIGNED', message: 'Срок сдачи 2026-12-01 раньше даты выдачи задания 2026-12-03' },
    ]);
  });

  it('publishes a deferral and then the deferred grade', async () => {
    const identity = { finalGradeId: 'fg-deferred', ...student, subject: 'Химия', period: secondQuarter };

    const deferred = await post('/v1/final-grades/deferrals', {
      deferrals: [{ ...identity, reason: 'illness', deferredUntil: '2027-01-20', resultsObtainedAt: '2026-12-25T15:00:00+03:00' }],
    });
    const graded = await post('/v1/final-grades', { finalGrades: [{ ...identity, value: 4, resultsObtainedAt: '2027-01-18T12:00:00+03:00' }] });
    const events = await finalGradeEvents.waitFor((event) => event.payload.finalGradeId === 'fg-deferred', 2);

    expect(deferred.body.results).toEqual([{ finalGradeId: 'fg-deferred', status: 'deferred' }]);
    expect(graded.body.results).toEqual([{ finalGradeId: 'fg-deferred', status: 'recorded' }]);
    expect(events.map((event) => event.payload.outcome)).toEqual([
      { status: 'deferred', reason: 'illness', deferredUntil: '2027-01-20' },
      { status: 'graded', value: 4 },
    ]);
    expect(events[1]?.payload.resultsObtainedAt).toBe('2027-01-18T12:00:00+03:00');
  });

  it('rejects deferring a grade that is set', async () => {
    const identity = { finalGradeId: 'fg-set', ...student, subject: 'Литература', period: secondQuarter };
    await post('/v1/final-grades', { finalGrades: [{ ...identity, value: 5, resultsObtainedAt: '2026-12-25T15:00:00+03:00' }] });

    const response = await callApi(grades.baseUrl, 'POST', '/v1/final-grades/deferrals', {
      apiKey: journalKey,
      body: { deferrals: [{ ...identity, reason: 'illness', deferredUntil: '2027-01-20', resultsObtainedAt: '2026-12-26T10:00:00+03:00' }] },
    });

    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('FINAL_GRADE_ALREADY_GRADED');
    expect(response.body.error.details[0]?.message).toContain('2 четверть 2026/2027');
  });

  it('reports a repeated final grade as unchanged', async () => {
    const grade = { finalGradeId: 'fg-repeat', ...student, subject: 'Алгебра', period: { kind: 'year', schoolYear: '2026/2027' }, value: 5, resultsObtainedAt: '2027-05-28T12:00:00+03:00' };
    await post('/v1/final-grades', { finalGrades: [grade] });

    const repeated = await post('/v1/final-grades', { finalGrades: [grade] });

    expect(repeated.status).toBe(200);
    expect(repeated.body.results).toEqual([{ finalGradeId: 'fg-repeat', status: 'unchanged' }]);
  });

  it('lets an operator list a student\'s final grades', async () => {
    const response = await callApi<FinalGradesPage>(grades.baseUrl, 'GET', `/v1/final-grades?studentId=${student.studentId}&limit=200`, { apiKey: operatorKey });

    expect(response.status).toBe(200);
    expect(response.body.items.map((item) => item.finalGradeId)).toEqual(expect.arrayContaining(['fg-deferred', 'fg-set']));
  });

  it('publishes an exam result keyed by student', async () => {
    const result = { examResultId: 'exam-1', ...student, examKind: 'ОГЭ', subject: 'Математика', score: 24, mark: 5, resultsObtainedAt: '2027-06-10T12:00:00+03:00' };

    const response = await post('/v1/exam-results', { examResults: [result] });
    const [event] = await examEvents.waitFor((candidate) => candidate.payload.examResultId === 'exam-1');

    expect(response.status).toBe(201);
    expect(event?.payload).toMatchObject({ examKind: 'ОГЭ', score: 24, mark: 5 });
    expect(examEvents.keyOf(event)).toBe(student.studentId);
  });

  it('rejects an exam result id stored with another score', async () => {
    const result = { examResultId: 'exam-2', ...student, examKind: 'ЕГЭ', subject: 'Физика', score: 71, resultsObtainedAt: '2027-06-20T12:00:00+03:00' };
    await post('/v1/exam-results', { examResults: [result] });

    const response = await callApi(grades.baseUrl, 'POST', '/v1/exam-results', { apiKey: journalKey, body: { examResults: [{ ...result, score: 80 }] } });

    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('EXAM_RESULT_ALREADY_EXISTS');
    expect(response.body.error.details[0]?.field).toBe('examResults[0].examResultId');
  });
});
