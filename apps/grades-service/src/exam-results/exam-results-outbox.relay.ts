import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { TOPICS } from '@ediary/contracts';
import { EventPublisher, KafkaGateway } from '@ediary/kafka';
import type { Model } from 'mongoose';
import { ManagedOutboxRelay } from '../outbox/managed-outbox-relay';
import { ExamResult } from './exam-result.schema';

/** Publishes the pending events of the exam_results collection to TOPICS.examResults. */
@Injectable()
export class ExamResultsOutboxRelay extends ManagedOutboxRelay<ExamResult> {
  constructor(@InjectModel(ExamResult.name) model: Model<ExamResult>, publisher: EventPublisher, gateway: KafkaGateway) {
    super(model, publisher, gateway, TOPICS.examResults);
  }
}
