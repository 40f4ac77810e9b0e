import { Logger } from '@nestjs/common';
import { ContractViolationError, parseEnvelope, type EventEnvelope, type TopicName } from '@ediary/contracts';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface MessageMeta {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
}

/** Reason a message was given up on, handed to the dead-letter sink. */
export interface DeadLetterReason {
  errorCode: string;
  errorMessage: string;
  attempts: number;
}

export type DeadLetterSink = (message: KafkaMessage, meta: MessageMeta, reason: DeadLetterReason) => Promise<void>;

export interface EventConsumerOptions<Name extends TopicName> {
  topic: Name;
  groupId: string;
  handle(envelope: EventEnvelope<Name>, meta: MessageMeta): Promise<void>;
  /**
   * Handles the valid messages of a fetched batch in one call, such as one bulk insert.
   * When it throws, each message of that batch goes through `handle` with its own retries
   * and dead-lettering, so it must be safe to repeat, like `handle`.
   */
  handleBatch?(envelopes: EventEnvelope<Name>[]): Promise<void>;
  /** Largest slice of a fetched batch given to `handleBatch` in one call; defaults to 500. */
  maxBatchSize?: number;
  /**
   * Partitions whose messages this member handles at the same time; defaults to 1. Order
   * is kept within each partition, so events with the same key never overlap.
   */
  partitionsConsumedConcurrently?: number;
  /**
   * Called for a message that breaks the topic's contract, which no retry can mend.
   * Defaults to the dead-letter sink, or to logging when there is none.
   */
  onRejected?(error: ContractViolationError, meta: MessageMeta, message: KafkaMessage): Promise<void>;
  /** Handler attempts per message before it goes to the dead-letter sink. */
  maxAttempts?: number;
  /** Delay before the second attempt; doubles with each further one, up to 5 s. */
  retryDelayMs?: number;
  fromBeginning?: boolean;
}

const MAX_RETRY_DELAY_MS = 5000;

/**
 * A consumer group member that validates every message against its topic's contract.
 * A failing handler is retried a bounded number of times. Then the message goes to the
 * dead-letter sink and the partition moves on, so one bad message never blocks it.
 */
export class EventConsumer<Name extends TopicName> {
  private readonly logger = new Logger(EventConsumer.name);
  private readonly consumer: Consumer;

  constructor(
    kafka: Kafka,
    private readonly topicPrefix: string,
    private readonly options: EventConsumerOptions<Name>,
    private readonly deadLetter: DeadLetterSink | null = null,
  ) {
    this.consumer = kafka.consumer({ groupId: topicPrefix + options.groupId });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({
      topic: this.topicPrefix + this.options.topic,
      fromBeginning: this.options.fromBeginning ?? true,
    });
    if (this.options.handleBatch) {
      await this.consumer.run({
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
        eachBatch: (payload) => this.consumeBatch(payload),
      });
      return;
    }
    await this.consumer.run({
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachMessage: async ({ topic, partition, message, heartbeat }) => {
        const parsed = await this.parse(topic, partition, message);
        if (parsed) await this.handleWithRetries(parsed.envelope, parsed.meta, message, heartbeat);
      },
    });
  }

  /** Parses a message against the topic's contract; a violation is rejected and yields null. */
  private async parse(topic: string, partition: number, message: KafkaMessage): Promise<{ envelope: EventEnvelope<Name>; meta: MessageMeta } | null> {
    const meta: MessageMeta = {
      topic,
      partition,
      offset: message.offset,
      key: message.key?.toString('utf8') ?? null,
    };
    try {
      return { envelope: parseEnvelope(this.options.topic, message.value), meta };
    } catch (error) {
      if (!(error instanceof ContractViolationError)) throw error;
      await this.reject(error, meta, message);
      return null;
    }
  }

  /**
   * Hands a fetched batch to `handleBatch` in slices and commits each slice's last offset
   * once it is stored. A failed slice falls back to one message at a time.
   */
  private async consumeBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const handleBatch = this.options.handleBatch;
    if (!handleBatch) throw new Error('consumeBatch needs the handleBatch option');
    const sliceSize = this.options.maxBatchSize ?? 500;
    for (let start = 0; start < batch.messages.length; start += sliceSize) {
      if (!isRunning() || isStale()) return;
      const slice = batch.messages.slice(start, start + sliceSize);
      const valid: { envelope: EventEnvelope<Name>; meta: MessageMeta; message: KafkaMessage }[] = [];
      for (const message of slice) {
        const parsed = await this.parse(batch.topic, batch.partition, message);
        if (parsed) valid.push({ ...parsed, message });
      }
      try {
        if (valid.length > 0) await handleBatch(valid.map((entry) => entry.envelope));
      } catch (error) {
        this.logger.warn(
          { topic: batch.topic, partition: batch.partition, firstOffset: slice[0]?.offset, messages: slice.length, err: error },
          'batch handler failed; handling its messages one at a time',
        );
        for (const entry of valid) await this.handleWithRetries(entry.envelope, entry.meta, entry.message, heartbeat);
      }
      const last = slice[slice.length - 1];
      if (last) resolveOffset(last.offset);
      await heartbeat();
    }
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }

  private async handleWithRetries(
    envelope: EventEnvelope<Name>,
    meta: MessageMeta,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    let delayMs = this.options.retryDelayMs ?? 200;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.options.handle(envelope, meta);
        return;
      } catch (error) {
        const errorMessage = error instanceof Error ? error.message : String(error);
        if (attempt >= maxAttempts) {
          this.logger.error({ ...meta, eventId: envelope.eventId, attempts: attempt, err: error }, 'handler failed; giving up');
          await this.sendToDeadLetter(message, meta, { errorCode: 'HANDLER_FAILED', errorMessage, attempts: attempt });
          return;
        }
        this.logger.warn({ ...meta, eventId: envelope.eventId, attempt, err: error }, 'handler failed; retrying');
        await sleep(delayMs);
        delayMs = Math.min(delayMs * 2, MAX_RETRY_DELAY_MS);
        // Keeps the group membership while retrying a slow failure.
        await heartbeat();
      }
    }
  }

  private async reject(error: ContractViolationError, meta: MessageMeta, message: KafkaMessage): Promise<void> {
    this.logger.error(
      { ...meta, fields: error.issues.map((issue) => issue.field), errorCode: error.code },
      `message rejected: ${error.message}`,
    );
    if (this.options.onRejected) {
      await this.options.onRejected(error, meta, message);
      return;
    }
    await this.sendToDeadLetter(message, meta, { errorCode: error.code, errorMessage: error.message, attempts: 1 });
  }

  private async sendToDeadLetter(message: KafkaMessage, meta: MessageMeta, reason: DeadLetterReason): Promise<void> {
    if (!this.deadLetter) return;
    await this.deadLetter(message, meta, reason);
  }
}
