import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { TopicName } from '@ediary/contracts';
import type { EventPublisher, KafkaGateway } from '@ediary/kafka';
import { OutboxRelay, type OutboxDocumentFields } from '@ediary/outbox';
import type { Model } from 'mongoose';
import { collectionWriteLock } from '../journal/collection-write-lock';

/** How long the relay waits for a nudge before it looks for pending events again. */
const IDLE_INTERVAL_MS = 500;

/**
 * The outbox relay of one collection, tied to the application's lifecycle. It starts once
 * every module is initialised, so that the Kafka producer is connected, and stops when the
 * application shuts down.
 *
 * It drives OutboxRelay.drain() itself instead of OutboxRelay.start(), because each pass
 * must hold the collection's write lock (see collectionWriteLock).
 */
export abstract class ManagedOutboxRelay<Record extends OutboxDocumentFields> implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(this.constructor.name);
  private readonly relay: OutboxRelay;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  protected constructor(
    private readonly model: Model<Record>,
    publisher: EventPublisher,
    private readonly gateway: KafkaGateway,
    private readonly topic: TopicName,
  ) {
    // mongoose's Model type is invariant in its document type, so it is widened by a cast.
    this.relay = new OutboxRelay(model as unknown as Model<OutboxDocumentFields>, publisher);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.gateway.ensureTopics([this.topic]);
    this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
    this.logger.log({ collection: this.model.collection.name, topic: this.topic }, 'outbox relay started');
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.nudge();
    await this.loop;
    this.logger.log({ collection: this.model.collection.name }, 'outbox relay stopped');
  }

  /** Makes the relay look for pending events now instead of after its idle interval. */
  nudge(): void {
    this.wake?.();
  }

  /** Publishes everything pending now; returns how many events were published. */
  drain(): Promise<number> {
    return collectionWriteLock(this.model).run(() => this.relay.drain());
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      try {
        published = await this.drain();
      } catch (error) {
        this.logger.error({ err: error, collection: this.model.collection.name }, 'outbox relay pass failed; retrying');
      }
      if (published === 0 && this.running) await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(finish, IDLE_INTERVAL_MS);
      this.wake = finish;
    });
  }
}
