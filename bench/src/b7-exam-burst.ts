import type { Redis } from 'ioredis';
import { readMailIndex } from '@ediary/local-infra';
import { MAIL_DATA_DIR, redisMemoryBytes, serverRssBytes } from './environment';
import { examResultEvent, JournalProducer, seedGuardians, startJournalConsumers, TOPICS, waitingJobs } from './journal-pipeline';
import { describeSpent, expectCount, log, waitFor, timeStage, type Measurement } from './measure';
import { ServiceContext } from './service-context';

const MiB = 2 ** 20;
const SAMPLE_MS = 250;

/** Highest resident memory seen per process while a stage runs, sampled every 250 ms. */
class PeakMemory {
  readonly peaks = { service: 0, redis: 0, kafka: 0, store: 0 };
  private timer: NodeJS.Timeout | null = null;
  private sampling: Promise<void> = Promise.resolve();

  constructor(private readonly redis: Redis) {}

  start(): void {
    this.timer = setInterval(() => {
      this.sampling = this.sample();
    }, SAMPLE_MS);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sampling;
    await this.sample();
  }

  describe(): string {
    const mib = (bytes: number) => (bytes > 0 ? `${(bytes / MiB).toFixed(0)} MiB` : 'unknown');
    return `service process ${mib(this.peaks.service)}, Redis ${mib(this.peaks.redis)}, Kafka ${mib(this.peaks.kafka)}, store ${mib(this.peaks.store)}`;
  }

  private async sample(): Promise<void> {
    const peaks = this.peaks;
    peaks.service = Math.max(peaks.service, process.memoryUsage().rss);
    peaks.redis = Math.max(peaks.redis, await redisMemoryBytes(this.redis));
    peaks.kafka = Math.max(peaks.kafka, serverRssBytes('kafka') ?? 0);
    peaks.store = Math.max(peaks.store, serverRssBytes('ferretdb') ?? 0);
  }
}

/**
 * B7: exam results of `results` students released at once. The whole service path runs in
 * this process: the journal consumers, the dispatcher and the email delivery workers.
 */
export async function benchExamBurst(redis: Redis, runPrefix: string, size: { results: number }): Promise<Measurement> {
  const prefix = `${runPrefix}-b7`;
  const domain = `${prefix}.bench.example`;
  const context = await ServiceContext.open(prefix);
  const guardians = await seedGuardians(context, size.results, domain);
  const producer = new JournalProducer(context.config.kafka.topicPrefix);
  await producer.connect([TOPICS.marks, TOPICS.homework, TOPICS.finalGrades, TOPICS.examResults]);
  const payloads = Array.from({ length: size.results }, (_, student) => examResultEvent(student, prefix));
  // The whole release is in Kafka before the service starts, as after a release by the exam centre.
  await producer.send(TOPICS.examResults, payloads);
  await producer.disconnect();

  const spent = new Map<string, number>();
  context.measureCalls(spent);
  const memory = new PeakMemory(redis);
  memory.start();
  let enqueuedSeconds = 0;
  let consumers: { stop(): Promise<void> } | null = null;
  const sent = () => context.models.notification.countDocuments({ channel: 'email', status: 'sent' });
  // The clock includes the consumers joining their groups, as after a restart into a waiting release.
  const timing = await timeStage(redis, guardians, async () => {
    const started = Date.now();
    consumers = await startJournalConsumers(context);
    context.startDeliveryWorkers();
    await waitFor(async () => (await waitingJobs(context, 'email')) >= guardians, `${guardians} email jobs`, 30 * 60_000, 500);
    enqueuedSeconds = (Date.now() - started) / 1000;
    log(`B7: ${guardians} jobs enqueued after ${enqueuedSeconds.toFixed(1)} s`);
    await waitFor(async () => (await sent()) >= guardians, `${guardians} sent emails`, 60 * 60_000, 500);
  });
  await memory.stop();
  await (consumers as { stop(): Promise<void> } | null)?.stop();

  const mail = (await readMailIndex(MAIL_DATA_DIR)).filter((entry) => entry.envelopeTo.some((address) => address.endsWith(`@${domain}`)));
  const recipients = new Set(mail.flatMap((entry) => entry.envelopeTo));
  const deadlineItems = await context.connection.collection('deadline_items').find({}, { projection: { deliveredAt: 1, deadlineAt: 1 } }).toArray();
  const inTime = deadlineItems.filter((item) => item['deliveredAt'] instanceof Date && item['deliveredAt'] <= item['deadlineAt']).length;
  await context.dispose();

  expectCount('B7 notifications marked sent', guardians, timing.events);
  expectCount('B7 distinct recipients in the mail sink', guardians, recipients.size);
  expectCount('B7 messages in the mail sink', guardians, mail.length);
  expectCount('B7 deadline items', guardians, deadlineItems.length);

  const enqueueProfile = describeSpent(spent, enqueuedSeconds);
  const perEvent = (seconds: number) => ((seconds / guardians) * 1e6).toFixed(0);
  return {
    id: 'B7',
    title: `a burst of ${size.results} exam results released at once (${guardians} emails)`,
    goal: 'lost = 0, duplicated = 0, all within the deadline',
    result:
      `every job enqueued after ${enqueuedSeconds.toFixed(1)} s, every email delivered after ${timing.seconds.toFixed(1)} s; ` +
      `lost ${guardians - recipients.size}, duplicated ${mail.length - recipients.size}, ${inTime} of ${guardians} deadline items closed in time; peak memory: ${memory.describe()}`,
    met: recipients.size === guardians && mail.length === guardians && inTime === guardians,
    notes: [
      `The results of ${size.results} students (1.75 guardians each, all by email) are produced to Kafka first; then the service's journal consumers and email workers start in this process, and the clock runs until every notification is "sent".`,
      'Memory is the resident set size, sampled every 250 ms: of this process (consumers, dispatcher and workers together), of Redis (used_memory_rss) and of the Kafka and store servers.',
      `Time inside the dispatcher's store and queue calls until every job was enqueued: ${enqueueProfile}. Calls of the three partitions overlap, so the shares can add up to more than 100 %.`,
      `CPU µs per email: process ${perEvent(timing.cpu.process)}, Redis ${perEvent(timing.cpu.redis)}, Kafka ${timing.cpu.kafka === null ? '—' : perEvent(timing.cpu.kafka)}, store ${timing.cpu.store === null ? '—' : perEvent(timing.cpu.store)}.`,
    ],
  };
}
