import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CHANNELS, CONSENT_DECISIONS, type Channel } from '@ediary/contracts';
import type { HydratedDocument } from 'mongoose';

// The read model is split by writer: FerretDB 1.24 applies an update as read, modify,
// write back, so two consumers updating one document at once could lose a write.
// Each collection below has a single writer per guardian (its topic's partition).

type ConsentDecision = (typeof CONSENT_DECISIONS)[number];

@Schema({ _id: false })
export class GuardianStudent {
  @Prop({ required: true })
  studentId!: string;

  @Prop({ required: true })
  classId!: string;

  @Prop({ required: true })
  fullName!: string;
}

/** A guardian's contacts and agreed channels, from the contacts topic. */
@Schema({ collection: 'guardian_contacts', timestamps: true })
export class GuardianContacts {
  @Prop({ required: true })
  guardianId!: string;

  @Prop({ required: true })
  schoolId!: string;

  @Prop({ required: true })
  fullName!: string;

  @Prop({ type: [SchemaFactory.createForClass(GuardianStudent)], default: [] })
  students!: GuardianStudent[];

  @Prop({ type: String, default: null })
  email!: string | null;

  @Prop({ type: String, default: null })
  phone!: string | null;

  @Prop({ type: [String], enum: CHANNELS, default: [] })
  channels!: Channel[];

  /** Revision of the contacts state, so that an older state never overwrites a newer one. */
  @Prop({ required: true })
  revision!: number;
}

/** A guardian's current consent, from the consent topic. */
@Schema({ collection: 'guardian_consents', timestamps: true })
export class GuardianConsent {
  @Prop({ required: true })
  guardianId!: string;

  @Prop({ type: String, required: true, enum: CONSENT_DECISIONS })
  personalDataProcessing!: ConsentDecision;

  @Prop({ type: String, required: true, enum: CONSENT_DECISIONS })
  electronicInformation!: ConsentDecision;

  @Prop({ required: true })
  revision!: number;
}

/** A phone number Twilio reported unsubscribed (error 21610); insert-only. */
@Schema({ collection: 'unsubscribed_phones', timestamps: true })
export class UnsubscribedPhone {
  @Prop({ required: true })
  phone!: string;

  @Prop({ required: true })
  guardianId!: string;
}

export type GuardianContactsDocument = HydratedDocument<GuardianContacts>;
export const GuardianContactsSchema = SchemaFactory.createForClass(GuardianContacts);
// Serves every contacts update; stops two documents for one guardian.
GuardianContactsSchema.index({ guardianId: 1 }, { unique: true });
// Serves "guardians of this student" for marks, final grades and exam results.
GuardianContactsSchema.index({ 'students.studentId': 1 });
// Serves "guardians of this class" for homework.
GuardianContactsSchema.index({ 'students.classId': 1 });

export const GuardianConsentSchema = SchemaFactory.createForClass(GuardianConsent);
// Serves every consent update and lookup; stops two documents for one guardian.
GuardianConsentSchema.index({ guardianId: 1 }, { unique: true });

export const UnsubscribedPhoneSchema = SchemaFactory.createForClass(UnsubscribedPhone);
// Serves the unsubscribed check of each SMS; stops recording one number twice.
UnsubscribedPhoneSchema.index({ phone: 1 }, { unique: true });

/** The dispatcher's view of one guardian, merged from the collections above. */
export interface Guardian {
  guardianId: string;
  schoolId: string | null;
  fullName: string | null;
  students: GuardianStudent[];
  email: string | null;
  phone: string | null;
  phoneUnsubscribed: boolean;
  channels: Channel[];
  personalDataProcessing: ConsentDecision;
  electronicInformation: ConsentDecision;
  /** -1 until the first state of that kind arrives. */
  contactsRevision: number;
  consentRevision: number;
}
