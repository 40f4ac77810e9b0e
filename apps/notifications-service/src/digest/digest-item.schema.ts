import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';

/** A routine mark or homework waiting for the guardian's next daily digest. */
@Schema({ collection: 'digest_items', timestamps: true })
export class DigestItem {
  @Prop({ required: true })
  guardianId!: string;

  /** The news this item carries, e.g. a mark id with its content hash. */
  @Prop({ required: true })
  itemKey!: string;

  @Prop({ type: String, required: true, enum: ['mark', 'homework'] })
  kind!: 'mark' | 'homework';

  @Prop({ required: true })
  studentId!: string;

  /** Data for the digest template, as JSON text. */
  @Prop({ required: true })
  dataJson!: string;

  /** Digest that carried the item; null while it waits. */
  @Prop({ type: String, default: null })
  digestKey!: string | null;

  createdAt!: Date;
}

export type DigestItemDocument = HydratedDocument<DigestItem>;
export const DigestItemSchema = SchemaFactory.createForClass(DigestItem);
// Stops the same mark or homework entering a guardian's digest twice on redelivery.
DigestItemSchema.index({ guardianId: 1, itemKey: 1 }, { unique: true });
// Serves the digest run: items still waiting, per guardian.
DigestItemSchema.index({ digestKey: 1, guardianId: 1 });
