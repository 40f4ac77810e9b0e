import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { JournalRecordRepository } from '../journal/journal-record.repository';
import { Homework } from './homework.schema';

@Injectable()
export class HomeworkRepository extends JournalRecordRepository<Homework, 'homeworkId'> {
  constructor(@InjectModel(Homework.name) model: Model<Homework>) {
    super(model, 'homeworkId');
  }
}
