import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ConsentState, ContactsState } from '@ediary/contracts';
import type { Model } from 'mongoose';
import { GuardianConsent, GuardianContacts, UnsubscribedPhone, type Guardian } from './guardian.schema';

const DUPLICATE_KEY = 11000;

const isDuplicateKey = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === DUPLICATE_KEY;

@Injectable()
export class GuardianRepository {
  constructor(
    @InjectModel(GuardianContacts.name) private readonly contacts: Model<GuardianContacts>,
    @InjectModel(GuardianConsent.name) private readonly consents: Model<GuardianConsent>,
    @InjectModel(UnsubscribedPhone.name) private readonly unsubscribed: Model<UnsubscribedPhone>,
  ) {}

  /** Applies a contacts state unless the stored one is as new or newer; returns whether it was applied. */
  applyContacts(state: ContactsState): Promise<boolean> {
    return this.upsertIfNewer(this.contacts, state.guardianId, state.revision, {
      schoolId: state.schoolId,
      fullName: state.fullName,
      students: state.students,
      email: state.email?.address ?? null,
      phone: state.phone?.e164 ?? null,
      channels: state.channels,
      revision: state.revision,
    });
  }

  applyConsent(state: ConsentState): Promise<boolean> {
    return this.upsertIfNewer(this.consents, state.guardianId, state.revision, {
      personalDataProcessing: state.personalDataProcessing,
      electronicInformation: state.electronicInformation,
      revision: state.revision,
    });
  }

  async markPhoneUnsubscribed(guardianId: string, phone: string): Promise<void> {
    try {
      await this.unsubscribed.create({ guardianId, phone });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  async findByStudent(studentId: string): Promise<Guardian[]> {
    return this.merge(await this.contacts.find({ 'students.studentId': studentId }).lean());
  }

  /** Guardians of any of the students, each once, with one query for all of them. */
  async findByStudents(studentIds: string[]): Promise<Guardian[]> {
    if (studentIds.length === 0) return [];
    return this.merge(await this.contacts.find({ 'students.studentId': { $in: studentIds } }).lean());
  }

  async findByClass(classId: string): Promise<Guardian[]> {
    return this.merge(await this.contacts.find({ 'students.classId': classId }).lean());
  }

  /** Guardians with known contacts among the given ids; unknown ids are left out. */
  async findByIds(guardianIds: string[]): Promise<Guardian[]> {
    if (guardianIds.length === 0) return [];
    return this.merge(await this.contacts.find({ guardianId: { $in: guardianIds } }).lean());
  }

  async findById(guardianId: string): Promise<Guardian | null> {
    const contacts = await this.contacts.findOne({ guardianId }).lean();
    if (contacts) return (await this.merge([contacts]))[0] ?? null;
    const consent = await this.consents.findOne({ guardianId }).lean();
    if (!consent) return null;
    return {
      guardianId,
      schoolId: null,
      fullName: null,
      students: [],
      email: null,
      phone: null,
      phoneUnsubscribed: false,
      channels: [],
      personalDataProcessing: consent.personalDataProcessing,
      electronicInformation: consent.electronicInformation,
      contactsRevision: -1,
      consentRevision: consent.revision,
    };
  }

  /** Joins contacts with consent and the unsubscribed list; a guardian without consent has none. */
  private async merge(contacts: GuardianContacts[]): Promise<Guardian[]> {
    if (contacts.length === 0) return [];
    const ids = contacts.map((entry) => entry.guardianId);
    const phones = contacts.map((entry) => entry.phone).filter((phone): phone is string => phone !== null);
    const consents = new Map(
      (await this.consents.find({ guardianId: { $in: ids } }).lean()).map((consent) => [consent.guardianId, consent]),
    );
    const unsubscribed = new Set(
      phones.length === 0 ? [] : (await this.unsubscribed.find({ phone: { $in: phones } }).lean()).map((entry) => entry.phone),
    );
    return contacts.map((entry) => {
      const consent = consents.get(entry.guardianId);
      return {
        guardianId: entry.guardianId,
        schoolId: entry.schoolId,
        fullName: entry.fullName,
        students: entry.students,
        email: entry.email,
        phone: entry.phone,
        phoneUnsubscribed: entry.phone !== null && unsubscribed.has(entry.phone),
        channels: entry.channels,
        personalDataProcessing: consent?.personalDataProcessing ?? 'not-given',
        electronicInformation: consent?.electronicInformation ?? 'not-given',
        contactsRevision: entry.revision,
        consentRevision: consent?.revision ?? -1,
      };
    });
  }

  /**
   * Updates the document when its stored revision is older, or creates it. A newer
   * stored revision turns the upsert into an insert that the unique index rejects.
   */
  private async upsertIfNewer<T>(model: Model<T>, guardianId: string, revision: number, fields: Record<string, unknown>): Promise<boolean> {
    try {
      const result = await model.updateOne({ guardianId, revision: { $lt: revision } }, { $set: fields }, { upsert: true });
      return result.modifiedCount + result.upsertedCount > 0;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }
}
