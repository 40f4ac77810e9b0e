import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { TOPICS } from '@ediary/contracts';
import { EventPublisher, KafkaGateway } from '@ediary/kafka';
import type { Model } from 'mongoose';
import { ManagedOutboxRelay } from '../outbox/managed-outbox-relay';
import { Mark } from './mark.schema';

/** Publishes the pending events of the marks collection to TOPICS.marks. */
@Injectable()
export class MarksOutboxRelay extends ManagedOutboxRelay<Mark> {
  constructor(@InjectModel(Mark.name) model: Model<Mark>, publisher: EventPublisher, gateway: KafkaGateway) {
    super(model, publisher, gateway, TOPICS.marks);
  }
}
