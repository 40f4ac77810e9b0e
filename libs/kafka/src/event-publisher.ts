import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { createEnvelope, type EventEnvelope, type TopicName, type TopicPayloadInput } from '@ediary/contracts';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { KAFKA_CLIENT, KAFKA_OPTIONS, type KafkaOptions } from './kafka-options';

export interface PublishOptions {
  /** Message key; events with the same key keep their order. */
  key: string;
  correlationId?: string;
  /** Set when re-publishing a stored event, so that consumers can drop the duplicate. */
  eventId?: string;
  occurredAt?: Date;
}

/** Publishes contract-validated events; the payload type is checked against the topic. */
@Injectable()
export class EventPublisher implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(EventPublisher.name);
  private readonly producer: Producer;

  constructor(
    @Inject(KAFKA_CLIENT) kafka: Kafka,
    @Inject(KAFKA_OPTIONS) private readonly options: KafkaOptions,
  ) {
    // Idempotent: a retried send after a lost acknowledgement is written once.
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: true,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.producer.connect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.producer.disconnect();
  }

  /** Validates the payload, wraps it in an envelope and waits for the broker's acknowledgement. */
  async publish<Name extends TopicName>(
    topic: Name,
    payload: TopicPayloadInput<Name>,
    options: PublishOptions,
  ): Promise<EventEnvelope<Name>> {
    const envelope = createEnvelope(topic, payload, {
      producer: this.options.clientId,
      ...(options.correlationId !== undefined && { correlationId: options.correlationId }),
      ...(options.eventId !== undefined && { eventId: options.eventId }),
      ...(options.occurredAt !== undefined && { occurredAt: options.occurredAt }),
    });
    await this.producer.send({
      topic: this.options.topicPrefix + topic,
      acks: -1,
      messages: [
        {
          key: options.key,
          value: JSON.stringify(envelope),
          headers: { eventId: envelope.eventId, type: envelope.type },
        },
      ],
    });
    this.logger.debug({ eventId: envelope.eventId, topic }, 'event published');
    return envelope;
  }
}
