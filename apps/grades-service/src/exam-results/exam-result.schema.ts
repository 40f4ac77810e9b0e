import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxFields, type OutboxDocumentFields, type PendingEvent } from '@ediary/outbox';
import type { Types } from 'mongoose';

/** One student's result of one exam (ОГЭ, ЕГЭ, ВПР and the like). */
@Schema({ collection: 'exam_results', timestamps: true })
export class ExamResult implements OutboxDocumentFields {
  /** The e-journal's id of the result. */
  @Prop({ required: true })
  examResultId!: string;

  @Prop({ required: true })
  schoolId!: string;

  @Prop({ required: true })
  classId!: string;

  @Prop({ required: true })
  studentId!: string;

  @Prop({ required: true })
  examKind!: string;

  @Prop({ required: true })
  subject!: string;

  @Prop({ type: Number })
  score?: number;

  /** 1–5 */
  @Prop({ type: Number })
  mark?: number;

  /** ISO 8601 with the offset as the journal sent it. */
  @Prop({ required: true })
  resultsObtainedAt!: string;

  @Prop({ required: true, default: 1 })
  revision!: number;

  // Declared for the types only: outboxFields below defines them in the schema.
  pendingEvents!: PendingEvent[];
  hasPendingEvents!: boolean;
}

export type StoredExamResult = ExamResult & { _id: Types.ObjectId };

export const ExamResultSchema = SchemaFactory.createForClass(ExamResult);
ExamResultSchema.add({ ...outboxFields });
// Serves every lookup by the journal's id; stops a second document for the same result.
ExamResultSchema.index({ examResultId: 1 }, { unique: true });
