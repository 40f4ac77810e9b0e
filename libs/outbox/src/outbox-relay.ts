import { Logger } from '@nestjs/common';
import type { TopicName, TopicPayloadInput } from '@ediary/contracts';
import type { EventPublisher } from '@ediary/kafka';
import type { Model } from 'mongoose';
import type { OutboxDocumentFields } from './pending-event';

export interface OutboxRelayOptions {
  /** How often to look for pending events when the last pass found none. */
  idleIntervalMs?: number;
  /** Documents handled per pass. */
  batchSize?: number;
}

/**
 * Publishes the pending events of one collection in the order they were stored per
 * document, then removes each published one. Runs until stop() is called.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly model: Model<OutboxDocumentFields>,
    private readonly publisher: EventPublisher,
    private readonly options: OutboxRelayOptions = {},
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Asks the relay to look now, e.g. right after a write, instead of at the next interval. */
  nudge(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.nudge();
    await this.loop;
  }

  /** Publishes everything pending now; returns how many events were published. */
  async drain(): Promise<number> {
    let published = 0;
    const documents = await this.model
      .find({ hasPendingEvents: true }, { _id: 1, pendingEvents: 1 })
      .limit(this.options.batchSize ?? 100)
      .lean();
    for (const document of documents) {
      for (const event of document.pendingEvents) {
        await this.publisher.publish(event.topic as TopicName, JSON.parse(event.payloadJson) as TopicPayloadInput<TopicName>, {
          key: event.key,
          eventId: event.eventId,
          correlationId: event.correlationId,
          occurredAt: new Date(event.occurredAt),
        });
        // Removes the first element only if it is still this event. FerretDB 1.24 ignores a
        // conditional $pull, and events are published in array order, so $pop is exact here.
        await this.model.updateOne({ _id: document._id, 'pendingEvents.0.eventId': event.eventId }, { $pop: { pendingEvents: -1 } });
        published += 1;
      }
      // Clears the flag only if no new event arrived meanwhile.
      await this.model.updateOne({ _id: document._id, pendingEvents: { $size: 0 } }, { $set: { hasPendingEvents: false } });
    }
    return published;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      try {
        published = await this.drain();
      } catch (error) {
        this.logger.error({ err: error, collection: this.model.collection.name }, 'outbox relay pass failed; retrying');
      }
      if (published === 0 && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.options.idleIntervalMs ?? 500);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
      }
    }
  }
}
