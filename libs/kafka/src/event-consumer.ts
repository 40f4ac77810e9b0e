import { Logger } from '@nestjs/common';
import { ContractViolationError, parseEnvelope, type EventEnvelope, type TopicName } from '@ediary/contracts';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';

export interface MessageMeta {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
}

export interface EventConsumerOptions<Name extends TopicName> {
  topic: Name;
  groupId: string;
  handle(envelope: EventEnvelope<Name>, meta: MessageMeta): Promise<void>;
  /**
   * Called for a message that breaks the topic's contract; the message is then skipped,
   * because no retry can make it valid. Defaults to logging the offending fields.
   */
  onRejected?(error: ContractViolationError, meta: MessageMeta, message: KafkaMessage): Promise<void>;
  fromBeginning?: boolean;
}

/** A consumer group member that validates every message against its topic's contract. */
export class EventConsumer<Name extends TopicName> {
  private readonly logger = new Logger(EventConsumer.name);
  private readonly consumer: Consumer;

  constructor(
    kafka: Kafka,
    private readonly topicPrefix: string,
    private readonly options: EventConsumerOptions<Name>,
  ) {
    this.consumer = kafka.consumer({ groupId: topicPrefix + options.groupId });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({
      topic: this.topicPrefix + this.options.topic,
      fromBeginning: this.options.fromBeginning ?? true,
    });
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const meta: MessageMeta = {
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? null,
        };
        let envelope: EventEnvelope<Name>;
        try {
          envelope = parseEnvelope(this.options.topic, message.value);
        } catch (error) {
          if (!(error instanceof ContractViolationError)) throw error;
          await this.reject(error, meta, message);
          return;
        }
        await this.options.handle(envelope, meta);
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }

  private async reject(error: ContractViolationError, meta: MessageMeta, message: KafkaMessage): Promise<void> {
    if (this.options.onRejected) {
      await this.options.onRejected(error, meta, message);
      return;
    }
    this.logger.error(
      { ...meta, fields: error.issues.map((issue) => issue.field), errorCode: error.code },
      `message rejected: ${error.message}`,
    );
  }
}
