import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { JournalRecordRepository } from '../journal/journal-record.repository';
import { ExamResult } from './exam-result.schema';

@Injectable()
export class ExamResultsRepository extends JournalRecordRepository<ExamResult, 'examResultId'> {
  constructor(@InjectModel(ExamResult.name) model: Model<ExamResult>) {
    super(model, 'examResultId');
  }
}
