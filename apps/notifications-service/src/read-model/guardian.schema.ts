import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CHANNELS, CONSENT_DECISIONS, type Channel } from '@ediary/contracts';
import type { HydratedDocument } from 'mongoose';

@Schema({ _id: false })
export class GuardianStudent {
  @Prop({ required: true })
  studentId!: string;

  @Prop({ required: true })
  classId!: string;

  @Prop({ required: true })
  fullName!: string;
}

/**
 * This service's view of one guardian, merged from the consent and contacts topics.
 * Each half keeps the revision it came with, so an older state never overwrites a newer one.
 */
@Schema({ collection: 'guardians', timestamps: true })
export class Guardian {
  @Prop({ required: true })
  guardianId!: string;

  @Prop({ type: String, default: null })
  schoolId!: string | null;

  @Prop({ type: String, default: null })
  fullName!: string | null;

  @Prop({ type: [SchemaFactory.createForClass(GuardianStudent)], default: [] })
  students!: GuardianStudent[];

  @Prop({ type: String, default: null })
  email!: string | null;

  @Prop({ type: String, default: null })
  phone!: string | null;

  /** Set when Twilio reports the number unsubscribed (error 21610); cleared when the number changes. */
  @Prop({ default: false })
  phoneUnsubscribed!: boolean;

  @Prop({ type: [String], enum: CHANNELS, default: [] })
  channels!: Channel[];

  /** -1 until the first contacts state arrives. */
  @Prop({ default: -1 })
  contactsRevision!: number;

  @Prop({ type: String, enum: CONSENT_DECISIONS, default: 'not-given' })
  personalDataProcessing!: (typeof CONSENT_DECISIONS)[number];

  @Prop({ type: String, enum: CONSENT_DECISIONS, default: 'not-given' })
  electronicInformation!: (typeof CONSENT_DECISIONS)[number];

  /** -1 until the first consent state arrives. */
  @Prop({ default: -1 })
  consentRevision!: number;
}

export type GuardianDocument = HydratedDocument<Guardian>;
export const GuardianSchema = SchemaFactory.createForClass(Guardian);
// Serves every read-model update; stops two documents for one guardian.
GuardianSchema.index({ guardianId: 1 }, { unique: true });
// Serves "guardians of this student" for marks, final grades and exam results.
GuardianSchema.index({ 'students.studentId': 1 });
// Serves "guardians of this class" for homework.
GuardianSchema.index({ 'students.classId': 1 });
