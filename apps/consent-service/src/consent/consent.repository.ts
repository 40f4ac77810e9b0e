import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { EventPublisher } from '@ediary/kafka';
import { OutboxRelay, type OutboxDocumentFields, type PendingEvent } from '@ediary/outbox';
import type { Model } from 'mongoose';
import type { ConsentRegistration } from './consent-register';
import { ConsentRegistrationDocument } from './consent-registration.schema';

const DUPLICATE_KEY = 11000;

function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === DUPLICATE_KEY;
}

const HISTORY_FIELDS = { _id: 0, guardianId: 0, pendingEvents: 0, hasPendingEvents: 0 } as const;

@Injectable()
export class ConsentRepository {
  constructor(@InjectModel(ConsentRegistrationDocument.name) private readonly model: Model<ConsentRegistrationDocument>) {}

  /** Returns the guardian's registrations in the order they were recorded. */
  async findHistory(guardianId: string): Promise<ConsentRegistration[]> {
    return this.model.find({ guardianId }, HISTORY_FIELDS).sort({ sequence: 1 }).lean<ConsentRegistration[]>().exec();
  }

  /**
   * Inserts a registration with the event that publishes the resulting state. Returns
   * false when a unique index rejected it: another registration took the same sequence
   * first, or this very request was recorded already.
   */
  async insert(guardianId: string, registration: ConsentRegistration, event: PendingEvent): Promise<boolean> {
    try {
      await this.model.create({ guardianId, ...registration, pendingEvents: [event], hasPendingEvents: true });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  createOutboxRelay(publisher: EventPublisher): OutboxRelay {
    return new OutboxRelay(this.model as unknown as Model<OutboxDocumentFields>, publisher);
  }
}
