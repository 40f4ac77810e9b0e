import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { MarkValue } from '@ediary/contracts';
import { outboxFields, type OutboxDocumentFields, type PendingEvent } from '@ediary/outbox';
import { Schema as MongooseSchema, type Types } from 'mongoose';

/** One mark of the e-journal. A deleted mark stays as a tombstone, so its id is not reused. */
@Schema({ collection: 'marks', timestamps: true })
export class Mark implements OutboxDocumentFields {
  /** The e-journal's id of the mark. */
  @Prop({ required: true })
  markId!: string;

  @Prop({ required: true })
  schoolId!: string;

  @Prop({ required: true })
  classId!: string;

  @Prop({ required: true })
  studentId!: string;

  @Prop({ required: true })
  subject!: string;

  /** YYYY-MM-DD */
  @Prop({ required: true })
  lessonDate!: string;

  @Prop({ required: true })
  assignmentType!: string;

  @Prop({ required: true })
  weight!: number;

  /** 1–5 or one of the mark codes (н, осв, зач, незач, н/а). */
  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  value!: MarkValue;

  @Prop({ required: true, default: false })
  overdue!: boolean;

  @Prop({ required: true, default: false })
  deleted!: boolean;

  /** Grows by one with each change. Updates match on it, so one based on an outdated read fails and is retried. */
  @Prop({ required: true, default: 1 })
  revision!: number;

  // Declared for the types only: outboxFields below defines them in the schema.
  pendingEvents!: PendingEvent[];
  hasPendingEvents!: boolean;
}

export type StoredMark = Mark & { _id: Types.ObjectId };

export const MarkSchema = SchemaFactory.createForClass(Mark);
MarkSchema.add({ ...outboxFields });
// Serves every lookup by the journal's id; stops a second document for the same mark.
MarkSchema.index({ markId: 1 }, { unique: true });
// Serves GET /v1/marks?studentId=…, newest stored first.
MarkSchema.index({ studentId: 1, _id: -1 });
