import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PendingEventFactory } from '../journal/pending-event.factory';
import { MarksOutboxRelay } from './marks-outbox.relay';
import { MarksController } from './marks.controller';
import { MarksRepository } from './marks.repository';
import { MarksService } from './marks.service';
import { Mark, MarkSchema } from './mark.schema';

@Module({
  imports: [MongooseModule.forFeature([{ name: Mark.name, schema: MarkSchema }])],
  controllers: [MarksController],
  providers: [MarksRepository, MarksService, MarksOutboxRelay, PendingEventFactory],
  exports: [MarksService],
})
export class MarksModule {}
