import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ConsentState, ContactsState } from '@ediary/contracts';
import type { Model } from 'mongoose';
import { Guardian } from './guardian.schema';

const DUPLICATE_KEY = 11000;

const isDuplicateKey = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === DUPLICATE_KEY;

@Injectable()
export class GuardianRepository {
  constructor(@InjectModel(Guardian.name) private readonly guardians: Model<Guardian>) {}

  /**
   * Applies a contacts state unless the stored one is as new or newer. Returns whether
   * it was applied. A changed phone number clears the unsubscribed mark of the old one.
   */
  async applyContacts(state: ContactsState): Promise<boolean> {
    const phone = state.phone?.e164 ?? null;
    const current = await this.guardians.findOne({ guardianId: state.guardianId }, { phone: 1, phoneUnsubscribed: 1 }).lean();
    const phoneUnsubscribed = (state.phone?.unsubscribed ?? false) || (current?.phone === phone && current.phoneUnsubscribed);
    const update = {
      $set: {
        schoolId: state.schoolId,
        fullName: state.fullName,
        students: state.students,
        email: state.email?.address ?? null,
        phone,
        phoneUnsubscribed,
        channels: state.channels,
        contactsRevision: state.revision,
      },
    };
    return this.upsertIfNewer(state.guardianId, 'contactsRevision', state.revision, update);
  }

  async applyConsent(state: ConsentState): Promise<boolean> {
    const update = {
      $set: {
        personalDataProcessing: state.personalDataProcessing,
        electronicInformation: state.electronicInformation,
        consentRevision: state.revision,
      },
    };
    return this.upsertIfNewer(state.guardianId, 'consentRevision', state.revision, update);
  }

  async markPhoneUnsubscribed(guardianId: string, phone: string): Promise<void> {
    await this.guardians.updateOne({ guardianId, phone }, { $set: { phoneUnsubscribed: true } });
  }

  findByStudent(studentId: string): Promise<Guardian[]> {
    return this.guardians.find({ 'students.studentId': studentId }).lean();
  }

  findByClass(classId: string): Promise<Guardian[]> {
    return this.guardians.find({ 'students.classId': classId }).lean();
  }

  findById(guardianId: string): Promise<Guardian | null> {
    return this.guardians.findOne({ guardianId }).lean();
  }

  /**
   * Updates the guardian when the stored revision is older, or creates it. Two first
   * states racing for one guardian meet at the unique index; the loser retries as an update.
   */
  private async upsertIfNewer(
    guardianId: string,
    revisionField: 'contactsRevision' | 'consentRevision',
    revision: number,
    update: { $set: Record<string, unknown> },
  ): Promise<boolean> {
    const filter = { guardianId, [revisionField]: { $lt: revision } };
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        const result = await this.guardians.updateOne(filter, update, { upsert: true });
        return result.modifiedCount + result.upsertedCount > 0;
      } catch (error) {
        // The upsert tried to create a second document: a stored revision is as new or newer, or a racer created it.
        if (!isDuplicateKey(error)) throw error;
      }
    }
    return false;
  }
}
