import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { TOPICS } from '@ediary/contracts';
import { EventPublisher, KafkaGateway } from '@ediary/kafka';
import type { Model } from 'mongoose';
import { ManagedOutboxRelay } from '../outbox/managed-outbox-relay';
import { FinalGrade } from './final-grade.schema';

/** Publishes the pending events of the final_grades collection to TOPICS.finalGrades. */
@Injectable()
export class FinalGradesOutboxRelay extends ManagedOutboxRelay<FinalGrade> {
  constructor(@InjectModel(FinalGrade.name) model: Model<FinalGrade>, publisher: EventPublisher, gateway: KafkaGateway) {
    super(model, publisher, gateway, TOPICS.finalGrades);
  }
}
