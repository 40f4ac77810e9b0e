import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { TOPICS } from '@ediary/contracts';
import { KafkaGateway } from '@ediary/kafka';
import { GuardianRepository } from './guardian.repository';

/** Keeps the guardian read model in step with the consent and contacts topics. */
@Injectable()
export class ReadModelConsumer implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReadModelConsumer.name);

  constructor(
    private readonly gateway: KafkaGateway,
    private readonly guardians: GuardianRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.gateway.ensureTopics([TOPICS.consentState, TOPICS.contactsState, TOPICS.deadLetter]);
    await this.gateway
      .createConsumer({
        topic: TOPICS.consentState,
        groupId: 'notifications-service.consent',
        handle: async (envelope) => {
          const applied = await this.guardians.applyConsent(envelope.payload);
          this.logger.debug({ guardianId: envelope.payload.guardianId, eventId: envelope.eventId, applied }, 'consent state');
        },
      })
      .start();
    await this.gateway
      .createConsumer({
        topic: TOPICS.contactsState,
        groupId: 'notifications-service.contacts',
        handle: async (envelope) => {
          const applied = await this.guardians.applyContacts(envelope.payload);
          this.logger.debug({ guardianId: envelope.payload.guardianId, eventId: envelope.eventId, applied }, 'contacts state');
        },
      })
      .start();
  }
}
