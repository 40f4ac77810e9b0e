import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PendingEventFactory } from '../journal/pending-event.factory';
import { FinalGrade, FinalGradeSchema } from './final-grade.schema';
import { FinalGradesOutboxRelay } from './final-grades-outbox.relay';
import { FinalGradesController } from './final-grades.controller';
import { FinalGradesRepository } from './final-grades.repository';
import { FinalGradesService } from './final-grades.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: FinalGrade.name, schema: FinalGradeSchema }])],
  controllers: [FinalGradesController],
  providers: [FinalGradesRepository, FinalGradesService, FinalGradesOutboxRelay, PendingEventFactory],
})
export class FinalGradesModule {}
