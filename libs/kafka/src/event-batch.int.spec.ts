import { Test, type TestingModule } from '@nestjs/testing';
import { TOPICS, type EventEnvelope } from '@ediary/contracts';
import { testInfra, uniqueName } from '@ediary/testing';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { EventPublisher } from './event-publisher';
import { KafkaGateway, KafkaModule } from './kafka.module';

type MarkEnvelope = EventEnvelope<typeof TOPICS.marks>;

const mark = {
  schoolId: 'school-1',
  classId: '7a',
  studentId: 'student-7',
  markId: 'mark-0',
  action: 'recorded',
  subject: 'Химия',
  lessonDate: '2026-12-03',
  assignmentType: 'Лабораторная работа',
  weight: 1,
  value: 5,
  changedAt: '2026-12-03T12:00:00+03:00',
} as const;

/** Polls `check` every 50 ms until it returns true, or fails after timeoutMs with `what`. */
async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Kafka batch consumer', () => {
  let moduleRef: TestingModule;
  let publisher: EventPublisher;
  let gateway: KafkaGateway;
  let topicPrefix: string;

  beforeAll(async () => {
    topicPrefix = `${uniqueName('kafka-batch')}.`;
    moduleRef = await Test.createTestingModule({
      imports: [KafkaModule.forRoot({ brokers: testInfra().kafkaBrokers, clientId: 'grades-service', topicPrefix })],
    }).compile();
    await moduleRef.init();
    publisher = moduleRef.get(EventPublisher);
    gateway = moduleRef.get(KafkaGateway);
    await gateway.ensureTopics([TOPICS.marks, TOPICS.deadLetter]);
  });

  afterAll(async () => {
    await moduleRef.close();
  });

  it('hands a backlog over in batches and commits it', async () => {
    const markIds = Array.from({ length: 40 }, (_, index) => `backlog-${index}`);
    for (const markId of markIds) await publisher.publish(TOPICS.marks, { ...mark, markId }, { key: mark.studentId });

    const batchSizes: number[] = [];
    const received: string[] = [];
    const first = gateway.createConsumer({
      topic: TOPICS.marks,
      groupId: 'batch-commit',
      handle: async () => {
        throw new Error('the single-message handler must not run while batches succeed');
      },
      handleBatch: async (envelopes: MarkEnvelope[]) => {
        batchSizes.push(envelopes.length);
        received.push(...envelopes.map((envelope) => envelope.payload.markId));
      },
    });
    await first.start();
    await until(() => received.length >= markIds.length, `${markIds.length} marks`);
    await first.stop();

    expect(received).toEqual(markIds);
    expect(Math.max(...batchSizes)).toBeGreaterThan(1);

    // A new member of the same group starts after the committed offsets, so it gets only new marks.
    const afterRestart: string[] = [];
    const second = gateway.createConsumer({
      topic: TOPICS.marks,
      groupId: 'batch-commit',
      handle: async () => undefined,
      handleBatch: async (envelopes: MarkEnvelope[]) => {
        afterRestart.push(...envelopes.map((envelope) => envelope.payload.markId));
      },
    });
    await second.start();
    await publisher.publish(TOPICS.marks, { ...mark, markId: 'after-restart' }, { key: mark.studentId });
    await until(() => afterRestart.includes('after-restart'), 'the mark published after the restart');
    await second.stop();

    expect(afterRestart).toEqual(['after-restart']);
  });

  it('falls back to single messages when a batch fails', async () => {
    const rawProducer = new Kafka({ brokers: testInfra().kafkaBrokers, logLevel: logLevel.NOTHING }).producer({
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await rawProducer.connect();
    await publisher.publish(TOPICS.marks, { ...mark, markId: 'fallback-before' }, { key: mark.studentId });
    await rawProducer.send({ topic: topicPrefix + TOPICS.marks, messages: [{ key: mark.studentId, value: '{"broken": true}' }] });
    await publisher.publish(TOPICS.marks, { ...mark, markId: 'fallback-crashing' }, { key: mark.studentId });
    await publisher.publish(TOPICS.marks, { ...mark, markId: 'fallback-after' }, { key: mark.studentId });
    await rawProducer.disconnect();

    const deadLetters: EventEnvelope<typeof TOPICS.deadLetter>[] = [];
    const dlqConsumer = gateway.createConsumer({
      topic: TOPICS.deadLetter,
      groupId: 'batch-dead-letters',
      handle: async (envelope) => {
        if (envelope.payload.consumerGroup === `${topicPrefix}batch-fallback`) deadLetters.push(envelope);
      },
    });
    await dlqConsumer.start();

    const rejectedOffsets: string[] = [];
    const singles: string[] = [];
    const batched: string[] = [];
    const inFailedBatches: string[] = [];
    const consumer = gateway.createConsumer({
      topic: TOPICS.marks,
      groupId: 'batch-fallback',
      maxAttempts: 2,
      retryDelayMs: 10,
      onRejected: async (_error, meta) => {
        rejectedOffsets.push(meta.offset);
      },
      handleBatch: async (envelopes: MarkEnvelope[]) => {
        const markIds = envelopes.map((envelope) => envelope.payload.markId);
        if (markIds.includes('fallback-crashing')) {
          inFailedBatches.push(...markIds);
          throw new Error('read model unavailable');
        }
        batched.push(...markIds);
      },
      handle: async (envelope) => {
        if (envelope.payload.markId === 'fallback-crashing') throw new Error('read model unavailable');
        singles.push(envelope.payload.markId);
      },
    });
    await consumer.start();
    await until(() => singles.includes('fallback-after') && deadLetters.length > 0, 'the fallback to finish');
    await consumer.stop();
    await dlqConsumer.stop();

    // Every valid mark is handled exactly once, by a batch or on its own after a failed batch.
    expect(inFailedBatches).toContain('fallback-crashing');
    expect(singles).toEqual(inFailedBatches.filter((markId) => markId !== 'fallback-crashing'));
    for (const markId of ['fallback-before', 'fallback-after']) {
      expect([...batched, ...singles].filter((handled) => handled === markId)).toHaveLength(1);
    }
    expect(rejectedOffsets).toHaveLength(1);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]?.payload.errorCode).toBe('HANDLER_FAILED');
    expect(deadLetters[0]?.payload.attempts).toBe(2);
    expect(deadLetters[0]?.payload.value).toContain('fallback-crashing');
  });
});
