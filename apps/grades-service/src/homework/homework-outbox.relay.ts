import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { TOPICS } from '@ediary/contracts';
import { EventPublisher, KafkaGateway } from '@ediary/kafka';
import type { Model } from 'mongoose';
import { ManagedOutboxRelay } from '../outbox/managed-outbox-relay';
import { Homework } from './homework.schema';

/** Publishes the pending events of the homework collection to TOPICS.homework. */
@Injectable()
export class HomeworkOutboxRelay extends ManagedOutboxRelay<Homework> {
  constructor(@InjectModel(Homework.name) model: Model<Homework>, publisher: EventPublisher, gateway: KafkaGateway) {
    super(model, publisher, gateway, TOPICS.homework);
  }
}
