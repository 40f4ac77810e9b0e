import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { SmsStatusReportRecord } from './sms-status-report.schema';

const DUPLICATE_KEY = 11000;

/** Order in which Twilio reports follow each other, so early reports replay in sequence. */
const STATUS_ORDER = ['queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed'];

@Injectable()
export class SmsStatusReportRepository {
  constructor(@InjectModel(SmsStatusReportRecord.name) private readonly reports: Model<SmsStatusReportRecord>) {}

  async keep(report: { sid: string; status: string; errorCode: number | null }): Promise<void> {
    try {
      await this.reports.create(report);
    } catch (error) {
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
    }
  }

  /** Removes and returns the early reports of one message, in Twilio's order. */
  async take(sid: string): Promise<{ sid: string; status: string; errorCode: number | null }[]> {
    const found = await this.reports.find({ sid }).lean();
    if (found.length === 0) return [];
    await this.reports.deleteMany({ sid });
    return found
      .map((report) => ({ sid: report.sid, status: report.status, errorCode: report.errorCode }))
      .sort((left, right) => STATUS_ORDER.indexOf(left.status) - STATUS_ORDER.indexOf(right.status));
  }
}
