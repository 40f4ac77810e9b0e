import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { ENDPOINTS } from './environment';
import { finalGradeEvent, guardianIdsOf, JournalProducer, seedGuardians, startJournalConsumers, TOPICS, waitingJobs } from './journal-pipeline';
import { compare, describeSpent, expectCount, waitFor, log, median, percentile, throughput, timeStage, type Comparison, type StageTiming } from './measure';
import { deleteQueueKeys, deliveryJobId, notificationIdFor, ServiceContext } from './service-context';

/**
 * Raw kafkajs: the same messages produced and consumed by one plain consumer group. The
 * consumer joins once and serves every round, like the service's consumers.
 */
class RawKafka {
  private readonly producer: JournalProducer;
  private readonly consumer;
  private consumed = 0;

  constructor(private readonly prefix: string) {
    this.producer = new JournalProducer(prefix);
    this.consumer = this.producer.kafka.consumer({ groupId: `${prefix}.raw` });
  }

  async start(): Promise<void> {
    await this.producer.connect([TOPICS.finalGrades]);
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.prefix + TOPICS.finalGrades, fromBeginning: true });
    await this.consumer.run({
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) if (JSON.parse(message.value?.toString('utf8') ?? 'null')) this.consumed += 1;
      },
    });
    // One message before the first round, so that no round waits for the group to form.
    await this.producer.send(TOPICS.finalGrades, [finalGradeEvent(0, 'join')]);
    await waitFor(async () => this.consumed >= 1, 'the raw consumer group to join', 120_000);
  }

  async round(redis: Redis, round: string, events: number): Promise<StageTiming> {
    const payloads = Array.from({ length: events }, (_, student) => finalGradeEvent(student, round));
    const before = this.consumed;
    const timing = await timeStage(redis, events, async () => {
      await this.producer.send(TOPICS.finalGrades, payloads);
      await waitFor(async () => this.consumed - before >= events, `${events} raw Kafka messages`, 120_000);
    });
    expectCount('B2 baseline messages consumed from Kafka', events, this.consumed - before);
    return timing;
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }
}

/** Raw driver: one unordered bulkWrite of the notifications and deadline items the events produce. */
async function rawStore(redis: Redis, prefix: string, events: number): Promise<StageTiming> {
  const context = await ServiceContext.open(prefix);
  const now = new Date();
  const notifications: { insertOne: { document: Record<string, unknown> } }[] = [];
  const deadlines: { insertOne: { document: Record<string, unknown> } }[] = [];
  for (let student = 0; student < events; student += 1) {
    for (const guardianId of guardianIdsOf(student)) {
      const dedupeKey = `final-grade:fg-${prefix}-${student}`;
      notifications.push({
        insertOne: {
          document: {
            notificationId: `${dedupeKey}:${guardianId}:email`,
            dedupeKey,
            guardianId,
            schoolId: 'school-1',
            studentIds: [`s${student}`],
            channel: 'email',
            kind: 'final-grade',
            templateDataJson: JSON.stringify(finalGradeEvent(student, prefix)),
            recipient: `${guardianId}@bench.example`,
            status: 'queued',
            statusReason: null,
            history: [{ status: 'queued', at: now, reason: null }],
            providerId: null,
            deadlineItemId: `${dedupeKey}:${guardianId}`,
            attempts: 0,
            createdAt: now,
            updatedAt: now,
          },
        },
      });
      deadlines.push({ insertOne: { document: { itemId: `${dedupeKey}:${guardianId}`, kind: 'final-grade', guardianId, studentId: `s${student}`, schoolId: 'school-1', subject: 'Физика', resultsObtainedAt: now, deadlineAt: now, arrivedLate: false, deliveredAt: null, deliveredVia: null, createdAt: now, updatedAt: now } } });
    }
  }
  const deadlineCollection = context.connection.collection('deadline_items');
  const timing = await timeStage(redis, events, async () => {
    await context.models.notification.collection.bulkWrite(notifications, { ordered: false });
    await deadlineCollection.bulkWrite(deadlines, { ordered: false });
  });
  expectCount('B2 baseline notifications stored', notifications.length, await context.models.notification.countDocuments());
  await context.dispose();
  return timing;
}

/** Raw BullMQ: addBulk of one job per guardian, batches of 500. */
async function rawQueue(redis: Redis, prefix: string, events: number): Promise<StageTiming> {
  const jobs = Array.from({ length: events }, (_, student) => guardianIdsOf(student).map((guardianId) => notificationIdFor(`final-grade-${student}`, guardianId, 'email'))).flat();
  const queue = new Queue('email', { connection: { host: '127.0.0.1', port: Number(new URL(ENDPOINTS.redisUrl).port), maxRetriesPerRequest: null }, prefix });
  await queue.waitUntilReady();
  const timing = await timeStage(redis, events, async () => {
    for (let start = 0; start < jobs.length; start += 500) {
      await queue.addBulk(jobs.slice(start, start + 500).map((notificationId) => ({ name: 'deliver', data: { notificationId }, opts: { jobId: deliveryJobId(notificationId, 'email') } })));
    }
  });
  const counts = await queue.getJobCounts('wait');
  expectCount('B2 baseline jobs in queue', jobs.length, counts['wait'] ?? 0);
  await queue.close();
  await deleteQueueKeys(ENDPOINTS.redisUrl, prefix);
  return timing;
}

/**
 * The service side: the real JournalConsumer and dispatcher over one context whose read
 * model holds the guardians of every student. The consumers join once; each round clears
 * the notifications, deadline items and jobs of the one before.
 */
class ServicePipeline {
  /** Seconds spent in each store and queue call of the system rounds, for the profile note. */
  readonly spent = new Map<string, number>();
  /** Seconds the unpaced system rounds, warm-up included, took in total. */
  stageSeconds = 0;
  private running: { context: ServiceContext; producer: JournalProducer; consumers: { stop(): Promise<void> }; guardians: number } | null = null;

  constructor(
    private readonly prefix: string,
    private readonly events: number,
  ) {}

  async start(): Promise<void> {
    const context = await ServiceContext.open(this.prefix);
    const guardians = await seedGuardians(context, this.events, `${this.prefix}.bench.example`);
    const producer = new JournalProducer(context.config.kafka.topicPrefix);
    await producer.connect([TOPICS.marks, TOPICS.homework, TOPICS.finalGrades, TOPICS.examResults]);
    context.measureCalls(this.spent);
    const consumers = await startJournalConsumers(context);
    this.running = { context, producer, consumers, guardians };
    // One event before the first round, so that no round waits for the groups to form.
    await producer.send(TOPICS.finalGrades, [finalGradeEvent(0, 'join')]);
    await waitFor(async () => (await waitingJobs(context, 'email')) >= guardianIdsOf(0).length, 'the consumer group to join', 120_000);
    this.spent.clear();
  }

  /**
   * Runs one round: final-grade events produced to Kafka, consumed, stored and dispatched until
   * every job waits in the email queue. With `pace` the events go out in small batches at
   * that rate, and the round also returns each job's latency from the send of its event.
   */
  async round(redis: Redis, round: string, pace?: { eventsPerSecond: number }): Promise<{ timing: StageTiming; latenciesMs: number[] }> {
    if (!this.running) throw new Error('ServicePipeline.round called before start');
    const { context, producer, guardians } = this.running;
    await context.models.notification.deleteMany({});
    await context.connection.collection('deadline_items').deleteMany({});
    await context.queues.queue('email').obliterate({ force: true });
    const payloads = Array.from({ length: this.events }, (_, student) => finalGradeEvent(student, round));
    const sentAt = new Map<string, number>();

    const timing = await timeStage(redis, this.events, async () => {
      if (pace) {
        // Sends every 50 ms the events due by then, so the rate stays steady without one request per event.
        const started = Date.now();
        for (let sent = 0; sent < payloads.length; ) {
          const due = Math.min(payloads.length, Math.floor(((Date.now() - started) / 1000) * pace.eventsPerSecond) + 1);
          const slice = payloads.slice(sent, due);
          const now = Date.now();
          for (const payload of slice) sentAt.set(String(payload.studentId), now);
          if (slice.length > 0) await producer.send(TOPICS.finalGrades, slice);
          sent = due;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } else {
        await producer.send(TOPICS.finalGrades, payloads);
      }
      await waitFor(async () => (await waitingJobs(context, 'email')) >= guardians, `${guardians} email jobs`, 600_000);
    });

    if (!pace) this.stageSeconds += timing.seconds;
    const latenciesMs: number[] = [];
    if (pace) {
      const notifications = await context.models.notification.find({}, { notificationId: 1, studentIds: 1 }).lean();
      const studentOf = new Map(notifications.map((notification) => [notification.notificationId, notification.studentIds[0] ?? '']));
      for (const job of await context.queues.queue('email').getJobs(['wait', 'delayed', 'prioritized'])) {
        const sent = sentAt.get(studentOf.get((job.data as { notificationId: string }).notificationId) ?? '');
        if (sent !== undefined) latenciesMs.push(job.timestamp - sent);
      }
      expectCount('B2 latency samples', guardians, latenciesMs.length);
    }
    expectCount('B2 system jobs waiting in the email queue', guardians, await waitingJobs(context, 'email'));
    expectCount('B2 system notifications stored', guardians, await context.models.notification.countDocuments());
    return { timing, latenciesMs };
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    await this.running.consumers.stop();
    await this.running.producer.disconnect();
    await this.running.context.dispose();
    this.running = null;
  }
}

/** B2: Kafka to a waiting delivery job, against the slowest of the raw stages. */
export async function benchKafkaToQueue(redis: Redis, runPrefix: string, size: { events: number; rounds: number }): Promise<Comparison> {
  const rawKafka = new RawKafka(`${runPrefix}-b2-raw.`);
  const pipeline = new ServicePipeline(`${runPrefix}-b2-sys`, size.events);
  try {
    await rawKafka.start();
    await pipeline.start();
    return await measureKafkaToQueue(redis, runPrefix, size, rawKafka, pipeline);
  } finally {
    await pipeline.stop();
    await rawKafka.stop();
  }
}

async function measureKafkaToQueue(
  redis: Redis,
  runPrefix: string,
  size: { events: number; rounds: number },
  rawKafka: RawKafka,
  pipeline: ServicePipeline,
): Promise<Comparison> {
  const slowestStages: string[] = [];
  const result = await compare(
    { id: 'B2', title: `${size.events} final-grade events from Kafka to waiting jobs`, goal: 0.6, rounds: size.rounds },
    async (round) => {
      const prefix = `${runPrefix}-b2-base-${round}`;
      const stages = {
        kafka: await rawKafka.round(redis, round, size.events),
        store: await rawStore(redis, `${prefix}-store`, size.events),
        queue: await rawQueue(redis, `${prefix}-queue`, size.events),
      };
      const [name, slowest] = Object.entries(stages).sort(([, left], [, right]) => throughput(left) - throughput(right))[0] ?? [];
      if (!name || !slowest) throw new Error('B2 baseline measured no stage');
      slowestStages.push(`${round}: ${name} (${Object.entries(stages).map(([stage, timing]) => `${stage} ${throughput(timing).toFixed(0)}/s`).join(', ')})`);
      return slowest;
    },
    async (round) => (await pipeline.round(redis, round)).timing,
  );
  const profile = describeSpent(pipeline.spent, pipeline.stageSeconds);

  // The latency round runs at half the median sustained rate of the system rounds.
  const sustained = median(result.rounds.map((round) => throughput(round.system)).sort((a, b) => a - b));
  const rate = Math.max(1, sustained / 2);
  log(`B2: latency round at ${rate.toFixed(0)} events/s`);
  const { latenciesMs } = await pipeline.round(redis, 'latency', { eventsPerSecond: rate });
  const p50 = percentile(latenciesMs, 0.5);
  const p99 = percentile(latenciesMs, 0.99);
  result.notes.push(
    `Baseline: the slowest of three raw stages on the same messages and documents. They are kafkajs produce and consume by a plain consumer group, one unordered driver bulkWrite of the notifications and deadline items, and BullMQ addBulk of the jobs in batches of 500. The slowest stage per round was ${slowestStages.join('; ')}.`,
    "System: final-grade events produced to Kafka, consumed by the service's JournalConsumer, stored as deadline items and notifications and enqueued. The stage ends when every job is waiting. Final grades are the path that turns a mark into a job at once, because routine marks wait for the daily digest (B3 measures their writes). Each event has 1.75 guardians on average, each with email.",
    `Time inside the service's store and queue calls during the warm-up and the five system rounds, which took ${pipeline.stageSeconds.toFixed(1)} s: ${profile}. Calls of the three partitions overlap, so the shares can add up to more than 100 %.`,
    `Latency from send to waiting job at ${rate.toFixed(0)} events/s, half the median sustained rate of ${sustained.toFixed(0)} events/s: p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms over ${latenciesMs.length} jobs.`,
  );
  result.latencyP99Ms = p99;
  return result;
}
