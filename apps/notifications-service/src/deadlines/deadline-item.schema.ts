import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';

export const DEADLINE_KINDS = ['final-grade', 'deferral', 'exam-result'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/**
 * One result that must reach one guardian by its publication deadline: the moment the
 * results were obtained plus the configured number of calendar days.
 */
@Schema({ collection: 'deadline_items', timestamps: true })
export class DeadlineItem {
  @Prop({ required: true })
  itemId!: string;

  @Prop({ type: String, required: true, enum: DEADLINE_KINDS })
  kind!: DeadlineKind;

  @Prop({ required: true })
  guardianId!: string;

  @Prop({ required: true })
  studentId!: string;

  @Prop({ required: true })
  schoolId!: string;

  @Prop({ required: true })
  subject!: string;

  @Prop({ required: true })
  resultsObtainedAt!: Date;

  @Prop({ required: true })
  deadlineAt!: Date;

  /** When the first channel reached the guardian: email sent, SMS delivered, paper handed over. */
  @Prop({ type: Date, default: null })
  deliveredAt!: Date | null;

  @Prop({ type: String, default: null })
  deliveredVia!: string | null;

  /** The event arrived after its deadline had already passed. */
  @Prop({ default: false })
  arrivedLate!: boolean;
}

export type DeadlineItemDocument = HydratedDocument<DeadlineItem>;
export const DeadlineItemSchema = SchemaFactory.createForClass(DeadlineItem);
// Stops a second item for the same result and guardian when the event is redelivered.
DeadlineItemSchema.index({ itemId: 1 }, { unique: true });
// Serves the deadline board: open items by urgency.
DeadlineItemSchema.index({ deliveredAt: 1, deadlineAt: 1 });
