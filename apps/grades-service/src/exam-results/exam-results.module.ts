import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PendingEventFactory } from '../journal/pending-event.factory';
import { ExamResult, ExamResultSchema } from './exam-result.schema';
import { ExamResultsOutboxRelay } from './exam-results-outbox.relay';
import { ExamResultsController } from './exam-results.controller';
import { ExamResultsRepository } from './exam-results.repository';
import { ExamResultsService } from './exam-results.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: ExamResult.name, schema: ExamResultSchema }])],
  controllers: [ExamResultsController],
  providers: [ExamResultsRepository, ExamResultsService, ExamResultsOutboxRelay, PendingEventFactory],
})
export class ExamResultsModule {}
