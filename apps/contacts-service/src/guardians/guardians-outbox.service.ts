import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { TOPICS } from '@ediary/contracts';
import { EventPublisher, KafkaGateway } from '@ediary/kafka';
import type { OutboxRelay } from '@ediary/outbox';
import { GuardiansRepository } from './guardians.repository';

/** Publishes the contacts states stored with each change to the compacted topic. */
@Injectable()
export class GuardiansOutbox implements OnModuleInit, OnModuleDestroy {
  private readonly relay: OutboxRelay;

  constructor(
    repository: GuardiansRepository,
    publisher: EventPublisher,
    private readonly gateway: KafkaGateway,
  ) {
    this.relay = repository.createOutboxRelay(publisher);
  }

  async onModuleInit(): Promise<void> {
    await this.gateway.ensureTopics([TOPICS.contactsState]);
    this.relay.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.relay.stop();
  }

  /** Publishes now instead of at the relay's next idle check. */
  nudge(): void {
    this.relay.nudge();
  }
}
