import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { JournalRecordRepository } from '../journal/journal-record.repository';
import { FinalGrade } from './final-grade.schema';

@Injectable()
export class FinalGradesRepository extends JournalRecordRepository<FinalGrade, 'finalGradeId'> {
  constructor(@InjectModel(FinalGrade.name) model: Model<FinalGrade>) {
    super(model, 'finalGradeId');
  }
}
