import { TOPICS } from '@ediary/contracts';
import { readMailIndex, readSmsRecords, type MailIndexEntry, type SmsRecord } from '@ediary/local-infra';
import { freePort } from '@ediary/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { waitUntilConsumed } from '../platform/consumer-progress';
import { startService, type DemoEndpoints, type RunningService } from '../platform/demo-services';
import { ServiceClient } from '../platform/http-client';
import { generateSampleSchool, type FailingPhoneKind, type SampleGuardian, type SampleSchool } from '../school/sample-school.generator';
import { planSchoolWeek, type SchoolWeekPlan } from '../school/school-week.plan';
import { countRu, NOUNS_RU } from '../summary/plural-ru';
import { registerSchool } from './school-registration';

export interface DemoScenarioOptions {
  /** Topic, database and queue prefix of this run; letters, digits, '-' and '_'. */
  prefix: string;
  seed: number;
  endpoints: DemoEndpoints;
  mailDataDir: string;
  smsDataDir: string;
  failingPhones: Record<FailingPhoneKind, string>;
  /** Folder for the services' logs. */
  logDir: string;
  /** Progress lines for the reader of the demo. */
  progress?: (line: string) => void;
  /** Maximum wait for deliveries to settle after the digest run. */
  settleTimeoutMs?: number;
}

/** Delivery log entry of the notifications operator API. */
export interface NotificationLogEntry {
  notificationId: string;
  guardianId: string;
  studentIds: string[];
  kind: 'new-mark' | 'exam-result' | 'final-grade' | 'deferral' | 'daily-digest';
  channel: 'email' | 'sms' | 'paper';
  status: string;
  statusReason: string | null;
  deadlineItemId: string | null;
}

export interface DeadlineEntry {
  itemId: string;
  kind: 'final-grade' | 'deferral' | 'exam-result';
  guardianId: string;
  studentId: string;
  subject: string;
  state: 'on-track' | 'at-risk' | 'breached' | 'met';
  /** ISO 8601 moment by which the guardian must be informed. */
  deadlineAt: string;
  deliveredAt: string | null;
  arrivedLate: boolean;
  deliveredVia: string | null;
}

/** Deadline rule the demo gives notifications-service; the summary states it to the operator. */
export const DEADLINE_POLICY = { days: 3, atRiskHours: 24 } as const;

export interface GuardianOutcome {
  guardian: SampleGuardian;
  notifications: NotificationLogEntry[];
  /** Messages the mail sink stored for the guardian's address during the run. */
  emails: MailIndexEntry[];
  /** Create requests the SMS sandbox received for the guardian's number during the run. */
  sms: SmsRecord[];
}

export interface DemoOutcome {
  prefix: string;
  startedAt: Date;
  school: SampleSchool;
  plan: SchoolWeekPlan;
  quietHours: { start: string; end: string };
  deadlinePolicy: typeof DEADLINE_POLICY;
  services: { name: string; baseUrl: string; logFile: string }[];
  digestRun: { guardians: number; items: number };
  /** False when deliveries were still queued or retrying at the end of the bounded wait. */
  settled: boolean;
  guardians: GuardianOutcome[];
  deadlines: DeadlineEntry[];
  mailDataDir: string;
  smsDataDir: string;
}

const MOSCOW_OFFSET_MS = 3 * 3_600_000;
const UNSETTLED = new Set(['queued', 'retrying']);

/** Returns the Moscow clock time HH:MM, `offsetMinutes` from now. */
function moscowClock(offsetMinutes: number): string {
  return new Date(Date.now() + MOSCOW_OFFSET_MS + offsetMinutes * 60_000).toISOString().slice(11, 16);
}

function countMessages(plan: SchoolWeekPlan) {
  return {
    marks: plan.markDays.flat().length + plan.netSchoolMarkCount,
    homework: plan.homeworkDays.flat().length,
    finalGrades: plan.finalGrades.length + plan.deferrals.length,
    examResults: plan.examResults.length,
  };
}

async function startPlatform(options: DemoScenarioOptions, quietHours: { start: string; end: string }): Promise<RunningService[]> {
  const { endpoints, prefix } = options;
  const common = {
    KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: `${prefix}.`,
    MONGO_URL: endpoints.mongoUrl,
    MONGO_DB_PREFIX: `${prefix}-`,
    LOG_LEVEL: 'info',
  };
  const launch = { logDir: options.logDir, mongoUrl: endpoints.mongoUrl, dbPrefix: `${prefix}-` };
  const started = await Promise.allSettled([
    startService('contacts-service', common, { ...launch, role: 'operator' }),
    startService('consent-service', common, { ...launch, role: 'operator' }),
    startService('grades-service', common, { ...launch, role: 'journal' }),
  ]);
  const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = started.find((result) => result.status === 'rejected');
  if (failure) {
    await Promise.all(running.map((service) => service.stop()));
    throw failure.reason;
  }
  const [contacts, consent, grades] = running as [RunningService, RunningService, RunningService];
  const port = await freePort();
  const notifications = await startService(
    'notifications-service',
    {
      ...common,
      REDIS_URL: endpoints.redisUrl,
      QUEUE_PREFIX: prefix,
      SMTP_HOST: endpoints.smtp.host,
      SMTP_PORT: String(endpoints.smtp.port),
      TWILIO_ACCOUNT_SID: endpoints.smsCredentials.accountSid,
      TWILIO_AUTH_TOKEN: endpoints.smsCredentials.authToken,
      TWILIO_API_BASE_URL: endpoints.smsApiBaseUrl,
      SMS_FROM: '+79990000000',
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      SCHOOLS_JSON: JSON.stringify([{ schoolId: 'school-demo', name: 'Школа «Пример» (демо)', timeZone: 'Europe/Moscow' }]),
      DIGEST_SCHEDULER: 'off',
      QUIET_HOURS_START: quietHours.start,
      QUIET_HOURS_END: quietHours.end,
      DEADLINE_DAYS: String(DEADLINE_POLICY.days),
      DEADLINE_AT_RISK_HOURS: String(DEADLINE_POLICY.atRiskHours),
      DELIVERY_ATTEMPTS: '3',
      DELIVERY_BACKOFF_MS: '300',
    },
    { ...launch, role: 'operator', port },
  ).catch(async (error: unknown) => {
    await Promise.all(running.map((service) => service.stop()));
    throw error;
  });
  return [contacts, consent, grades, notifications];
}

/** Summary of the diary import as grades-service returns it. */
interface NetSchoolImportSummary {
  recorded: number;
  corrected: number;
  unchanged: number;
  withoutMark: number;
}

async function playWeek(grades: ServiceClient, plan: SchoolWeekPlan, progress: (line: string) => void): Promise<void> {
  for (const [index, marks] of plan.markDays.entries()) {
    await grades.post('/v1/marks', { marks });
    await grades.post('/v1/homework', { homework: plan.homeworkDays[index] });
    const homework = plan.homeworkDays[index]?.length ?? 0;
    progress(`  день ${index + 1}: ${countRu(marks.length, NOUNS_RU.mark)}, ${countRu(homework, NOUNS_RU.homework)}`);
  }
  const imported = await grades.post<{ summary?: NetSchoolImportSummary }>('/v1/imports/netschool', plan.netSchoolImport);
  progress(`  импорт дневника 7А за два дня из «Сетевой город. Образование»: ${describeImport(imported.summary)}`);
  await grades.post('/v1/final-grades', { finalGrades: plan.finalGrades });
  await grades.post('/v1/final-grades/deferrals', { deferrals: plan.deferrals });
  progress(
    `  9Б, алгебра: ${countRu(plan.finalGrades.length, NOUNS_RU.finalGrade)}, ` +
      `отсрочка итоговой отметки по болезни: ${plan.deferrals.length}`,
  );
  await grades.post('/v1/exam-results', { examResults: plan.examResults });
  progress(
    `  пробный ОГЭ по математике: ${countRu(plan.examResults.length, NOUNS_RU.result)}, ` +
      'один из них школа получила пять дней назад',
  );
}

function describeImport(summary: NetSchoolImportSummary | undefined): string {
  if (!summary) return 'журнал не вернул итогов импорта';
  return (
    `записано ${countRu(summary.recorded, NOUNS_RU.mark)}, исправлено ${summary.corrected}, ` +
    `без изменений ${summary.unchanged}, заданий без отметки ${summary.withoutMark}`
  );
}

/** Polls the delivery log until nothing is queued or retrying and no SMS waits for its receipt. */
async function waitForSettledDeliveries(notifications: ServiceClient, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { notifications: log } = await notifications.get<{ notifications: NotificationLogEntry[] }>('/v1/notifications');
    const open = log.filter((entry) => UNSETTLED.has(entry.status) || (entry.channel === 'sms' && entry.status === 'sent'));
    if (open.length === 0) return true;
    await sleep(500);
  }
  return false;
}

async function collectOutcome(
  school: SampleSchool,
  notifications: ServiceClient,
  options: DemoScenarioOptions,
  startedAt: Date,
): Promise<{ guardians: GuardianOutcome[]; deadlines: DeadlineEntry[] }> {
  const since = startedAt.toISOString();
  const mail = (await readMailIndex(options.mailDataDir)).filter((entry) => entry.receivedAt >= since);
  const sms = (await readSmsRecords(options.smsDataDir)).filter((record) => record.createdAt >= since);
  const { notifications: log } = await notifications.get<{ notifications: NotificationLogEntry[] }>('/v1/notifications');
  const guardians = school.guardians.map((guardian) => ({
    guardian,
    notifications: log.filter((entry) => entry.guardianId === guardian.guardianId),
    emails: guardian.email ? mail.filter((entry) => entry.envelopeTo.includes(guardian.email as string)) : [],
    sms: guardian.phoneE164 ? sms.filter((record) => record.to === guardian.phoneE164) : [],
  }));
  const { items: deadlines } = await notifications.get<{ items: DeadlineEntry[] }>('/v1/deadlines');
  return { guardians, deadlines };
}

/**
 * Plays a school week through the four services against the running servers: registers
 * a generated school, records a week of the journal, runs the daily digest and waits for
 * the deliveries to settle. The services are stopped before it returns or throws.
 */
export async function runDemoScenario(options: DemoScenarioOptions): Promise<DemoOutcome> {
  const progress = options.progress ?? (() => undefined);
  const startedAt = new Date();
  // Quiet hours six hours from now hold no SMS of the run, whatever the time of day.
  const quietHours = { start: moscowClock(360), end: moscowClock(361) };
  const school = generateSampleSchool({ seed: options.seed, contactTag: options.prefix, failingPhones: options.failingPhones });
  const plan = planSchoolWeek(school, { seed: options.seed, now: startedAt });

  progress('Запуск сервисов платформы: контакты, согласия, электронный журнал, уведомления…');
  const services = await startPlatform(options, quietHours);
  try {
    const [contactsService, consentService, gradesService, notificationsService] = services as [
      RunningService,
      RunningService,
      RunningService,
      RunningService,
    ];
    const client = (service: RunningService) => new ServiceClient(service.baseUrl, service.apiKey);
    const notifications = client(notificationsService);
    const topic = (name: string) => `${options.prefix}.${name}`;
    const group = (name: string) => `${options.prefix}.notifications-service.${name}`;

    progress(
      `Регистрация школы: ${countRu(school.students.length, NOUNS_RU.student)}, ` +
        `${countRu(school.guardians.length, NOUNS_RU.guardian)}…`,
    );
    const { decisions } = await registerSchool(school, { contacts: client(contactsService), consent: client(consentService) });
    await waitUntilConsumed(
      options.endpoints.kafkaBrokers,
      [
        { topic: topic(TOPICS.contactsState), groupId: group('contacts'), messages: school.guardians.length },
        { topic: topic(TOPICS.consentState), groupId: group('consent'), messages: decisions },
      ],
      60_000,
    );

    progress('Учебная неделя в журнале:');
    await playWeek(client(gradesService), plan, progress);
    const counts = countMessages(plan);
    await waitUntilConsumed(
      options.endpoints.kafkaBrokers,
      [
        { topic: topic(TOPICS.marks), groupId: group('journal.marks'), messages: counts.marks },
        { topic: topic(TOPICS.homework), groupId: group('journal.homework'), messages: counts.homework },
        { topic: topic(TOPICS.finalGrades), groupId: group('journal.final-grades'), messages: counts.finalGrades },
        { topic: topic(TOPICS.examResults), groupId: group('journal.exam-results'), messages: counts.examResults },
      ],
      90_000,
    );

    progress('Ежедневная сводка отметок и домашних заданий: рассылка всем представителям…');
    const digestRun = await notifications.post<{ guardians: number; items: number }>('/v1/digests/run');
    progress(
      `  сводки подготовлены ${countRu(digestRun.guardians, NOUNS_RU.guardianDative)}, ` +
        `в них ${countRu(digestRun.items, NOUNS_RU.record)}`,
    );

    progress('Ожидание доставки писем и SMS…');
    const settled = await waitForSettledDeliveries(notifications, options.settleTimeoutMs ?? 120_000);
    const { guardians, deadlines } = await collectOutcome(school, notifications, options, startedAt);
    return {
      prefix: options.prefix,
      startedAt,
      school,
      plan,
      quietHours,
      deadlinePolicy: DEADLINE_POLICY,
      services: services.map(({ name, baseUrl, logFile }) => ({ name, baseUrl, logFile })),
      digestRun,
      settled,
      guardians,
      deadlines,
      mailDataDir: options.mailDataDir,
      smsDataDir: options.smsDataDir,
    };
  } finally {
    await Promise.all(services.map((service) => service.stop()));
  }
}
