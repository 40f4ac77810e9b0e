import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';

export const API_KEY_ROLES = ['journal', 'operator'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/** A client's API key; only the SHA-256 of its secret part is stored. */
@Schema({ collection: 'api_keys', timestamps: { createdAt: true, updatedAt: false } })
export class ApiKey {
  /** Public part of the key, used to look it up. */
  @Prop({ required: true })
  keyId!: string;

  @Prop({ required: true })
  secretHash!: string;

  @Prop({ type: String, required: true, enum: API_KEY_ROLES })
  role!: ApiKeyRole;

  /** Name of the client the key was issued to, e.g. "Электронный журнал школы № 17". */
  @Prop({ required: true })
  clientName!: string;

  @Prop({ type: Date, default: null })
  revokedAt!: Date | null;
}

export type ApiKeyDocument = HydratedDocument<ApiKey>;
export const ApiKeySchema = SchemaFactory.createForClass(ApiKey);
// Serves the lookup of every authenticated request; also stops two keys sharing an id.
ApiKeySchema.index({ keyId: 1 }, { unique: true });
