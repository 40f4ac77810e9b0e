import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { JournalRecordRepository } from '../journal/journal-record.repository';
import { Mark } from './mark.schema';

@Injectable()
export class MarksRepository extends JournalRecordRepository<Mark, 'markId'> {
  constructor(@InjectModel(Mark.name) model: Model<Mark>) {
    super(model, 'markId');
  }
}
