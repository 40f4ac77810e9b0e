import { randomUUID } from 'node:crypto';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { createEnvelope, type TopicName, type TopicPayloadInput } from '@ediary/contracts';

/**
 * An event stored in the same document as the change that caused it, so that one
 * single-document write records both (FerretDB 1.x has no transactions). The relay
 * publishes it and then removes it; a crash in between publishes it again with the
 * same eventId, which consumers deduplicate.
 */
@Schema({ _id: false })
export class PendingEvent {
  @Prop({ required: true })
  eventId!: string;

  @Prop({ required: true })
  topic!: string;

  @Prop({ required: true })
  key!: string;

  /** The payload as JSON text, so that Mongo keeps it exactly as validated. */
  @Prop({ required: true })
  payloadJson!: string;

  @Prop({ required: true })
  correlationId!: string;

  @Prop({ required: true })
  occurredAt!: Date;
}

export const PendingEventSchema = SchemaFactory.createForClass(PendingEvent);

/**
 * Fields a document needs to carry pending events. `hasPendingEvents` exists because
 * FerretDB 1.x has no partial indexes: a plain index on this flag finds the work.
 */
export const outboxFields = {
  pendingEvents: { type: [PendingEventSchema], default: (): PendingEvent[] => [] },
  hasPendingEvents: { type: Boolean, default: false, index: true },
};

export interface OutboxDocumentFields {
  pendingEvents: PendingEvent[];
  hasPendingEvents: boolean;
}

/**
 * Validates a payload against its topic now, at write time, and returns the pending
 * event to store with the change. A payload that breaks the contract is rejected
 * before anything is written.
 */
export function pendingEvent<Name extends TopicName>(
  topic: Name,
  payload: TopicPayloadInput<Name>,
  options: { key: string; correlationId?: string; producer: string; occurredAt?: Date },
): PendingEvent {
  const eventId = randomUUID();
  const envelope = createEnvelope(topic, payload, {
    producer: options.producer,
    eventId,
    ...(options.correlationId !== undefined && { correlationId: options.correlationId }),
    ...(options.occurredAt !== undefined && { occurredAt: options.occurredAt }),
  });
  return {
    eventId,
    topic,
    key: options.key,
    payloadJson: JSON.stringify(envelope.payload),
    correlationId: envelope.correlationId,
    occurredAt: new Date(envelope.occurredAt),
  };
}
