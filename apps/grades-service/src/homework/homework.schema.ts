import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxFields, type OutboxDocumentFields, type PendingEvent } from '@ediary/outbox';
import type { Types } from 'mongoose';

/** A homework assignment for a whole class. */
@Schema({ collection: 'homework', timestamps: true })
export class Homework implements OutboxDocumentFields {
  /** The e-journal's id of the assignment. */
  @Prop({ required: true })
  homeworkId!: string;

  @Prop({ required: true })
  schoolId!: string;

  @Prop({ required: true })
  classId!: string;

  @Prop({ required: true })
  subject!: string;

  /** YYYY-MM-DD */
  @Prop({ required: true })
  assignedOn!: string;

  /** YYYY-MM-DD */
  @Prop({ required: true })
  dueDate!: string;

  @Prop({ required: true })
  text!: string;

  @Prop({ required: true, default: 1 })
  revision!: number;

  // Declared for the types only: outboxFields below defines them in the schema.
  pendingEvents!: PendingEvent[];
  hasPendingEvents!: boolean;
}

export type StoredHomework = Homework & { _id: Types.ObjectId };

export const HomeworkSchema = SchemaFactory.createForClass(Homework);
HomeworkSchema.add({ ...outboxFields });
// Serves every lookup by the journal's id; stops a second document for the same assignment.
HomeworkSchema.index({ homeworkId: 1 }, { unique: true });
