import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A Twilio status report that arrived before the worker stored the message's sid.
 * It waits here, insert-only, until the worker applies it right after storing the sid.
 */
@Schema({ collection: 'sms_status_reports', timestamps: true })
export class SmsStatusReportRecord {
  @Prop({ required: true })
  sid!: string;

  @Prop({ required: true })
  status!: string;

  @Prop({ type: Number, default: null })
  errorCode!: number | null;
}

export const SmsStatusReportSchema = SchemaFactory.createForClass(SmsStatusReportRecord);
// Serves the lookup of early reports by sid; stops storing one report twice.
SmsStatusReportSchema.index({ sid: 1, status: 1 }, { unique: true });
