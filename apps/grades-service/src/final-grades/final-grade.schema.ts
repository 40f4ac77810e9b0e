import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { FinalGradeChanged, ReportingPeriod } from '@ediary/contracts';
import { outboxFields, type OutboxDocumentFields, type PendingEvent } from '@ediary/outbox';
import { Schema as MongooseSchema, type Types } from 'mongoose';

export type FinalGradeOutcome = FinalGradeChanged['outcome'];

/** A student's final grade for one subject and reporting period, or its deferral for illness. */
@Schema({ collection: 'final_grades', timestamps: true })
export class FinalGrade implements OutboxDocumentFields {
  /** The e-journal's id of the final grade; a deferral and the later grade share it. */
  @Prop({ required: true })
  finalGradeId!: string;

  @Prop({ required: true })
  schoolId!: string;

  @Prop({ required: true })
  classId!: string;

  @Prop({ required: true })
  studentId!: string;

  @Prop({ required: true })
  subject!: string;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  period!: ReportingPeriod;

  /** ISO 8601 with the offset as the journal sent it: when the grade was set or the deferral decided. */
  @Prop({ required: true })
  resultsObtainedAt!: string;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  outcome!: FinalGradeOutcome;

  @Prop({ required: true, default: 1 })
  revision!: number;

  // Declared for the types only: outboxFields below defines them in the schema.
  pendingEvents!: PendingEvent[];
  hasPendingEvents!: boolean;
}

export type StoredFinalGrade = FinalGrade & { _id: Types.ObjectId };

export const FinalGradeSchema = SchemaFactory.createForClass(FinalGrade);
FinalGradeSchema.add({ ...outboxFields });
// Serves every lookup by the journal's id; stops a second document for the same final grade.
FinalGradeSchema.index({ finalGradeId: 1 }, { unique: true });
// Serves GET /v1/final-grades?studentId=…, newest stored first.
FinalGradeSchema.index({ studentId: 1, _id: -1 });
