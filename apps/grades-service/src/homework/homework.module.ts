import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PendingEventFactory } from '../journal/pending-event.factory';
import { HomeworkOutboxRelay } from './homework-outbox.relay';
import { HomeworkController } from './homework.controller';
import { HomeworkRepository } from './homework.repository';
import { Homework, HomeworkSchema } from './homework.schema';
import { HomeworkService } from './homework.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: Homework.name, schema: HomeworkSchema }])],
  controllers: [HomeworkController],
  providers: [HomeworkRepository, HomeworkService, HomeworkOutboxRelay, PendingEventFactory],
})
export class HomeworkModule {}
