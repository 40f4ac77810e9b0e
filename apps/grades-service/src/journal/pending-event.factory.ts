import { Inject, Injectable } from '@nestjs/common';
import type { TopicName, TopicPayloadInput } from '@ediary/contracts';
import { KAFKA_OPTIONS, type KafkaOptions } from '@ediary/kafka';
import { pendingEvent, type PendingEvent } from '@ediary/outbox';

/** Builds contract-validated pending events with this service as their producer. */
@Injectable()
export class PendingEventFactory {
  constructor(@Inject(KAFKA_OPTIONS) private readonly kafka: KafkaOptions) {}

  create<Name extends TopicName>(topic: Name, payload: TopicPayloadInput<Name>, key: string, correlationId: string): PendingEvent {
    return pendingEvent(topic, payload, { key, correlationId, producer: this.kafka.clientId });
  }
}
