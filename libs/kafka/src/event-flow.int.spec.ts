import { Test, type TestingModule } from '@nestjs/testing';
import { ContractViolationError, TOPICS, type EventEnvelope } from '@ediary/contracts';
import { testInfra, uniqueName } from '@ediary/testing';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { EventPublisher } from './event-publisher';
import { KafkaGateway, KafkaModule } from './kafka.module';

const mark = {
  schoolId: 'school-1',
  classId: '5b',
  studentId: 'student-42',
  markId: 'mark-1',
  action: 'recorded',
  subject: 'Литература',
  lessonDate: '2026-12-02',
  assignmentType: 'Домашнее задание',
  weight: 1,
  value: 4,
  changedAt: '2026-12-02T14:00:00+03:00',
} as const;

/** Resolves with the first n items pushed, or rejects after timeoutMs naming what is missing. */
function collector<T>(expected: number, what: string, timeoutMs = 30_000) {
  const items: T[] = [];
  let resolveAll: (items: T[]) => void = () => undefined;
  const done = new Promise<T[]>((resolvePromise, reject) => {
    resolveAll = resolvePromise;
    setTimeout(() => reject(new Error(`received ${items.length} of ${expected} ${what}`)), timeoutMs).unref();
  });
  return {
    push(item: T) {
      items.push(item);
      if (items.length === expected) resolveAll(items);
    },
    done,
  };
}

describe('Kafka event flow', () => {
  let moduleRef: TestingModule;
  let publisher: EventPublisher;
  let gateway: KafkaGateway;
  let topicPrefix: string;

  beforeAll(async () => {
    topicPrefix = `${uniqueName('kafka')}.`;
    moduleRef = await Test.createTestingModule({
      imports: [KafkaModule.forRoot({ brokers: testInfra().kafkaBrokers, clientId: 'grades-service', topicPrefix })],
    }).compile();
    await moduleRef.init();
    publisher = moduleRef.get(EventPublisher);
    gateway = moduleRef.get(KafkaGateway);
    await gateway.ensureTopics([TOPICS.marks]);
  });

  afterAll(async () => {
    await moduleRef.close();
  });

  it('delivers a published event through the broker', async () => {
    const received = collector<EventEnvelope<typeof TOPICS.marks>>(1, 'events');
    const consumer = gateway.createConsumer({
      topic: TOPICS.marks,
      groupId: 'notifications-flow',
      handle: async (envelope) => received.push(envelope),
    });
    await consumer.start();

    const published = await publisher.publish(TOPICS.marks, mark, { key: mark.studentId, correlationId: 'batch-1' });
    const [event] = await received.done;
    await consumer.stop();

    expect(event).toEqual(published);
    expect(event?.producer).toBe('grades-service');
    expect(event?.correlationId).toBe('batch-1');
    expect(event?.payload.subject).toBe('Литература');
  });

  it('refuses to publish an invalid payload naming the field', async () => {
    const publishing = publisher.publish(TOPICS.marks, { ...mark, lessonDate: '02.12.2026' }, { key: mark.studentId });

    await expect(publishing).rejects.toBeInstanceOf(ContractViolationError);
    await expect(publishing).rejects.toThrow(/payload\.lessonDate/);
  });

  it('rejects an invalid consumed message naming the field and goes on', async () => {
    const rejected = collector<{ fields: string[]; offset: string }>(1, 'rejections');
    const handled = collector<EventEnvelope<typeof TOPICS.marks>>(1, 'valid events');
    const consumer = gateway.createConsumer({
      topic: TOPICS.marks,
      groupId: 'notifications-validation',
      handle: async (envelope) => {
        if (envelope.payload.markId === 'mark-after-invalid') handled.push(envelope);
      },
      onRejected: async (error, meta) => rejected.push({ fields: error.issues.map((issue) => issue.field), offset: meta.offset }),
    });
    await consumer.start();

    // A producer outside the platform's publisher can still write anything to the topic.
    const rawProducer = new Kafka({ brokers: testInfra().kafkaBrokers, logLevel: logLevel.NOTHING }).producer({
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await rawProducer.connect();
    const valid = await publisher.publish(TOPICS.marks, { ...mark, markId: 'mark-template' }, { key: mark.studentId });
    const invalid = { ...valid, payload: { ...valid.payload, value: 9 } };
    await rawProducer.send({
      topic: topicPrefix + TOPICS.marks,
      messages: [{ key: mark.studentId, value: JSON.stringify(invalid) }],
    });
    await rawProducer.disconnect();
    await publisher.publish(TOPICS.marks, { ...mark, markId: 'mark-after-invalid' }, { key: mark.studentId });

    const [rejection] = await rejected.done;
    const [after] = await handled.done;
    await consumer.stop();

    expect(rejection?.fields).toEqual(['payload.value']);
    expect(after?.payload.markId).toBe('mark-after-invalid');
  });

  it('moves a poison message to the dead-letter topic and goes on', async () => {
    const deadLetters = collector<EventEnvelope<typeof TOPICS.deadLetter>>(2, 'dead letters');
    const handled = collector<string>(1, 'events after the poison ones');
    const attemptsByMark = new Map<string, number>();
    const dlqConsumer = gateway.createConsumer({
      topic: TOPICS.deadLetter,
      groupId: 'operator-dead-letters',
      // Earlier tests left other invalid messages on the topic; only this test's count here.
      handle: async (envelope) => {
        const { value } = envelope.payload;
        if (value.startsWith('{"not"') || value.includes('mark-crashing')) deadLetters.push(envelope);
      },
    });
    const consumer = gateway.createConsumer({
      topic: TOPICS.marks,
      groupId: 'notifications-poison',
      maxAttempts: 3,
      retryDelayMs: 10,
      handle: async (envelope) => {
        const { markId } = envelope.payload;
        attemptsByMark.set(markId, (attemptsByMark.get(markId) ?? 0) + 1);
        if (markId === 'mark-crashing') throw new Error('read model unavailable');
        if (markId === 'mark-after-poison') handled.push(markId);
      },
    });
    await gateway.ensureTopics([TOPICS.deadLetter]);
    await dlqConsumer.start();
    await consumer.start();

    const rawProducer = new Kafka({ brokers: testInfra().kafkaBrokers, logLevel: logLevel.NOTHING }).producer({
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await rawProducer.connect();
    await rawProducer.send({
      topic: topicPrefix + TOPICS.marks,
      messages: [{ key: mark.studentId, value: '{"not": "an envelope"' }],
    });
    await rawProducer.disconnect();
    await publisher.publish(TOPICS.marks, { ...mark, markId: 'mark-crashing' }, { key: mark.studentId });
    await publisher.publish(TOPICS.marks, { ...mark, markId: 'mark-after-poison' }, { key: mark.studentId });

    const letters = await deadLetters.done;
    const [after] = await handled.done;
    await consumer.stop();
    await dlqConsumer.stop();

    const codes = letters.map((letter) => letter.payload.errorCode).sort();
    expect(codes).toEqual(['CONTRACT_VIOLATION', 'HANDLER_FAILED']);
    const crashed = letters.find((letter) => letter.payload.errorCode === 'HANDLER_FAILED');
    expect(crashed?.payload.attempts).toBe(3);
    expect(crashed?.payload.sourceTopic).toBe(topicPrefix + TOPICS.marks);
    expect(crashed?.payload.value).toContain('mark-crashing');
    expect(attemptsByMark.get('mark-crashing')).toBe(3);
    expect(after).toBe('mark-after-poison');
  });
});
