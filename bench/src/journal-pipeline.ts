// The benchmarks run the notifications-service's own Kafka consumers in this process, so they import its classes directly.
import { createEnvelope, TOPICS, type TopicName, type TopicPayloadInput } from '@ediary/contracts';
import { EventPublisher, KafkaGateway, ensureTopics } from '@ediary/kafka';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { JournalConsumer } from '../../apps/notifications-service/src/dispatch/journal.consumer';
import { ENDPOINTS } from './environment';
import { guardianName, guardiansOfStudent, pick } from './fixtures';
import type { ServiceContext } from './service-context';

const SUBJECTS = ['Математика', 'Русский язык', 'Физика', 'История'];

/** Guardian ids of one student, 1.75 per student on average. */
export function guardianIdsOf(student: number): string[] {
  return Array.from({ length: guardiansOfStudent(student) }, (_, index) => `g${student}-${index}`);
}

/**
 * Stores the read model of `students` pupils straight into the context's collections:
 * their guardians' contacts (email only, at `domain`) and granted consents. Untimed setup,
 * so it uses the driver's bulk insert rather than the Kafka topics the service reads.
 */
export async function seedGuardians(context: ServiceContext, students: number, domain: string): Promise<number> {
  const contacts = [];
  const consents = [];
  const now = new Date();
  for (let student = 0; student < students; student += 1) {
    for (const guardianId of guardianIdsOf(student)) {
      contacts.push({
        guardianId,
        schoolId: 'school-1',
        fullName: guardianName(student),
        students: [{ studentId: `s${student}`, classId: `c${student % 200}`, fullName: `${pick(['Иван', 'Дарья', 'Полина'], student)} ${guardianName(student).split(' ')[0]}` }],
        email: `${guardianId}@${domain}`,
        phone: null,
        channels: ['email'],
        revision: 1,
        createdAt: now,
        updatedAt: now,
      });
      consents.push({ guardianId, personalDataProcessing: 'granted', electronicInformation: 'granted', revision: 1, createdAt: now, updatedAt: now });
    }
  }
  for (let start = 0; start < contacts.length; start += 5000) {
    await context.models.contacts.collection.insertMany(contacts.slice(start, start + 5000), { ordered: false });
    await context.models.consent.collection.insertMany(consents.slice(start, start + 5000), { ordered: false });
  }
  return contacts.length;
}

/** Builds a final grade for student `student`, with results obtained an hour before now. */
export function finalGradeEvent(student: number, round: string): TopicPayloadInput<typeof TOPICS.finalGrades> {
  return {
    schoolId: 'school-1',
    classId: `c${student % 200}`,
    studentId: `s${student}`,
    finalGradeId: `fg-${round}-${student}`,
    subject: pick(SUBJECTS, student),
    period: { kind: 'quarter', number: 2, schoolYear: '2026/2027' },
    resultsObtainedAt: new Date(Date.now() - 3600_000).toISOString(),
    outcome: { status: 'graded', value: (student % 4) + 2 },
  } as TopicPayloadInput<typeof TOPICS.finalGrades>;
}

/** Builds an exam result for student `student`, with results obtained an hour before now. */
export function examResultEvent(student: number, round: string): TopicPayloadInput<typeof TOPICS.examResults> {
  return {
    schoolId: 'school-1',
    classId: `c${student % 200}`,
    studentId: `s${student}`,
    examResultId: `exam-${round}-${student}`,
    examKind: 'ОГЭ',
    subject: pick(SUBJECTS, student),
    score: 20 + (student % 12),
    mark: (student % 4) + 2,
    resultsObtainedAt: new Date(Date.now() - 3600_000).toISOString(),
  } as TopicPayloadInput<typeof TOPICS.examResults>;
}

/** A kafkajs client and producer for the grades-service side of a run, on the context's topic prefix. */
export class JournalProducer {
  readonly kafka = new Kafka({ clientId: 'grades-service', brokers: [...ENDPOINTS.kafkaBrokers], logLevel: logLevel.NOTHING });
  private readonly producer: Producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });

  constructor(readonly topicPrefix: string) {}

  async connect(topics: readonly TopicName[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    await ensureTopics(admin, topics, this.topicPrefix);
    await admin.disconnect();
    await this.producer.connect();
  }

  /** Sends validated envelopes keyed by student, `batchSize` messages per request. */
  async send<Name extends TopicName>(topic: Name, payloads: TopicPayloadInput<Name>[], batchSize = 500): Promise<void> {
    for (let start = 0; start < payloads.length; start += batchSize) {
      const messages = payloads.slice(start, start + batchSize).map((payload) => {
        const envelope = createEnvelope(topic, payload, { producer: 'grades-service' });
        return { key: String((envelope.payload as { studentId?: string }).studentId ?? ''), value: JSON.stringify(envelope) };
      });
      await this.producer.send({ topic: this.topicPrefix + topic, messages });
    }
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }
}

/**
 * Starts the service's JournalConsumer wired over a context: the same consumer groups and
 * handlers as in notifications-service, running in this process so its CPU is counted.
 */
export async function startJournalConsumers(context: ServiceContext): Promise<{ stop(): Promise<void> }> {
  const kafka = new Kafka({ clientId: 'notifications-service', brokers: [...ENDPOINTS.kafkaBrokers], logLevel: logLevel.NOTHING });
  const options = { brokers: [...ENDPOINTS.kafkaBrokers], clientId: 'notifications-service', topicPrefix: context.config.kafka.topicPrefix };
  const publisher = new EventPublisher(kafka, options);
  await publisher.onModuleInit();
  const gateway = new KafkaGateway(kafka, options, publisher);
  await new JournalConsumer(gateway, context.dispatch).onApplicationBootstrap();
  return {
    async stop() {
      await gateway.onModuleDestroy();
      await publisher.onModuleDestroy();
    },
  };
}

/** Counts the jobs of one of the context's delivery queues in every state but failed, so a job counts once it exists. */
export async function waitingJobs(context: ServiceContext, channel: 'email' | 'sms'): Promise<number> {
  const counts = await context.queues.queue(channel).getJobCounts('wait', 'delayed', 'prioritized', 'active', 'completed');
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

export { TOPICS };
