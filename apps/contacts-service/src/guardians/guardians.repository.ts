import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { EventPublisher } from '@ediary/kafka';
import { OutboxRelay, type OutboxDocumentFields, type PendingEvent } from '@ediary/outbox';
import type { Model } from 'mongoose';
import type { GuardianRecord } from './guardian-contacts';
import { GuardianRevisionDocument } from './guardian-revision.schema';

const DUPLICATE_KEY = 11000;

function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === DUPLICATE_KEY;
}

const RECORD_FIELDS = {
  _id: 0,
  guardianId: 1,
  revision: 1,
  schoolId: 1,
  fullName: 1,
  students: 1,
  email: 1,
  phone: 1,
  channels: 1,
  updatedAt: 1,
} as const;

@Injectable()
export class GuardiansRepository {
  constructor(@InjectModel(GuardianRevisionDocument.name) private readonly model: Model<GuardianRevisionDocument>) {}

  /** Returns the latest revision of the guardian's contacts, or null for an unknown guardian. */
  async findLatest(guardianId: string): Promise<GuardianRecord | null> {
    return this.model.findOne({ guardianId }, RECORD_FIELDS).sort({ revision: -1 }).lean<GuardianRecord>().exec();
  }

  /**
   * Guardians whose latest revision has a student in the class (and belongs to the
   * school, when given), ordered by guardianId. Older revisions may still list a class
   * that the guardian has left, so the candidates are checked against their latest one.
   */
  async findLatestByClass(classId: string, schoolId: string | undefined): Promise<GuardianRecord[]> {
    const candidates = await this.model.distinct('guardianId', { 'students.classId': classId }).exec();
    if (candidates.length === 0) return [];
    const revisions = await this.model
      .find({ guardianId: { $in: candidates } }, RECORD_FIELDS)
      .sort({ guardianId: 1, revision: -1 })
      .lean<GuardianRecord[]>()
      .exec();
    const latest = revisions.filter((record, index) => revisions[index - 1]?.guardianId !== record.guardianId);
    return latest.filter(
      (record) =>
        record.students.some((student) => student.classId === classId) &&
        (schoolId === undefined || record.schoolId === schoolId),
    );
  }

  /**
   * Inserts a revision with the event that publishes it. Returns false when a revision
   * with this number exists already, that is, when another write took it first.
   */
  async insert(record: GuardianRecord, event: PendingEvent): Promise<boolean> {
    try {
      await this.model.create({ ...record, pendingEvents: [event], hasPendingEvents: true });
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
