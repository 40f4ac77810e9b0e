import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CONSENT_DECISIONS } from '@ediary/contracts';
import { outboxFields, type PendingEvent } from '@ediary/outbox';
import type { RegisteredDecision, RegistrationForm } from './consent-register';
import { WITHDRAWAL_SCOPES, type WithdrawalScope } from './consent-withdrawal.dto';
import { REGISTRATION_FORMS } from './registration-fields';

const REGISTERED_DECISIONS = CONSENT_DECISIONS.filter((decision) => decision !== 'not-given');

/**
 * One registered decision or withdrawal of one guardian, with the consent state it
 * produced waiting in the outbox. Each registration is its own document and is only
 * ever inserted. FerretDB 1.24 applies concurrent updates of one document as
 * last-writer-wins, so an appended array element or a revision check in a filter could
 * be lost. A unique index, by contrast, reliably rejects the second of two inserts.
 * Only the outbox relay updates the document afterwards, and only its outbox fields.
 */
@Schema({ collection: 'consent_registrations', versionKey: false })
export class ConsentRegistrationDocument {
  @Prop({ required: true })
  guardianId!: string;

  /** The revision of the guardian's consent this registration produced, counted from 1. */
  @Prop({ required: true })
  sequence!: number;

  @Prop({ required: true, type: String, enum: ['decision', 'withdrawal'] })
  kind!: 'decision' | 'withdrawal';

  @Prop({ type: String, enum: REGISTERED_DECISIONS })
  personalDataProcessing?: RegisteredDecision;

  @Prop({ type: String, enum: REGISTERED_DECISIONS })
  electronicInformation?: RegisteredDecision;

  @Prop({ type: String, enum: WITHDRAWAL_SCOPES })
  scope?: WithdrawalScope;

  @Prop({ required: true })
  registeredBy!: string;

  @Prop({ required: true, type: String, enum: REGISTRATION_FORMS })
  form!: RegistrationForm;

  @Prop({ required: true })
  documentReference!: string;

  @Prop({ required: true })
  decidedAt!: string;

  @Prop({ required: true })
  registeredAt!: Date;

  @Prop({ type: String, default: null })
  apiKeyId!: string | null;

  @Prop({ required: true })
  fingerprint!: string;

  // Declared for typing only. The schema gets them from outboxFields below.
  pendingEvents!: PendingEvent[];
  hasPendingEvents!: boolean;
}

export const ConsentRegistrationSchema = SchemaFactory.createForClass(ConsentRegistrationDocument);
// hasPendingEvents comes indexed: it serves the outbox relay's search for unpublished events.
ConsentRegistrationSchema.add(outboxFields);
// Serves reading a guardian's history in order; stops two concurrent registrations
// from both taking the next revision.
ConsentRegistrationSchema.index({ guardianId: 1, sequence: 1 }, { unique: true });
// Stops recording an identical request twice, also when both copies arrive at once.
ConsentRegistrationSchema.index({ guardianId: 1, fingerprint: 1 }, { unique: true });
