import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CHANNELS, CONTACT_SOURCES, type Channel } from '@ediary/contracts';
import { outboxFields, type PendingEvent } from '@ediary/outbox';
import type { ContactSource } from './guardian-contacts';

@Schema({ _id: false })
export class StudentEntry {
  @Prop({ required: true })
  studentId!: string;

  @Prop({ required: true })
  classId!: string;

  @Prop({ required: true })
  fullName!: string;
}

@Schema({ _id: false })
export class EmailContact {
  @Prop({ required: true })
  address!: string;

  @Prop({ required: true, type: String, enum: CONTACT_SOURCES })
  source!: ContactSource;
}

@Schema({ _id: false })
export class PhoneContact {
  /** The number in E.164, e.g. +79211234567. */
  @Prop({ required: true })
  e164!: string;

  @Prop({ required: true, type: String, enum: CONTACT_SOURCES })
  source!: ContactSource;
}

/**
 * One revision of a guardian's contacts: a full snapshot, with the state it publishes
 * waiting in the outbox. The latest revision is the current one. Each change inserts a
 * new document and never updates an old one. FerretDB 1.24 applies concurrent updates
 * of one document as last-writer-wins, so a revision check in an update filter could be
 * lost. A unique index, by contrast, reliably rejects the second of two inserts. Only
 * the outbox relay updates a revision afterwards, and only its outbox fields.
 *
 * NOTE: superseded revisions keep the names, emails and phones they had; nothing
 * removes them yet, although personal data should not outlive its purpose.
 */
@Schema({ collection: 'guardian_revisions', versionKey: false })
export class GuardianRevisionDocument {
  @Prop({ required: true })
  guardianId!: string;

  /** Counted from 1, and each change adds one. */
  @Prop({ required: true })
  revision!: number;

  @Prop({ required: true })
  schoolId!: string;

  @Prop({ required: true })
  fullName!: string;

  @Prop({ type: [SchemaFactory.createForClass(StudentEntry)], default: [] })
  students!: StudentEntry[];

  @Prop({ type: SchemaFactory.createForClass(EmailContact), required: false })
  email?: EmailContact;

  @Prop({ type: SchemaFactory.createForClass(PhoneContact), required: false })
  phone?: PhoneContact;

  @Prop({ type: [String], enum: CHANNELS, default: [] })
  channels!: Channel[];

  @Prop({ required: true })
  updatedAt!: Date;

  // Declared for typing only. The schema gets them from outboxFields below.
  pendingEvents!: PendingEvent[];
  hasPendingEvents!: boolean;
}

export const GuardianRevisionSchema = SchemaFactory.createForClass(GuardianRevisionDocument);
// hasPendingEvents comes indexed: it serves the outbox relay's search for unpublished events.
GuardianRevisionSchema.add(outboxFields);
// Serves reading the latest revision of a guardian. Stops two concurrent writes from
// both taking the next revision, which includes two POST requests creating revision 1.
GuardianRevisionSchema.index({ guardianId: 1, revision: 1 }, { unique: true });
// Serves GET /v1/guardians?classId=…, which looks for the class among the students.
GuardianRevisionSchema.index({ 'students.classId': 1 });
