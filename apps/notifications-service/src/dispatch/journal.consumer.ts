import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { TOPICS } from '@ediary/contracts';
import { KafkaGateway } from '@ediary/kafka';
import { DispatchService } from './dispatch.service';

/** Consumes the e-journal's topics and hands each event to the dispatcher. */
@Injectable()
export class JournalConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly gateway: KafkaGateway,
    private readonly dispatch: DispatchService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.gateway.ensureTopics([TOPICS.marks, TOPICS.homework, TOPICS.finalGrades, TOPICS.examResults]);
    const group = 'notifications-service.journal';
    await this.gateway
      .createConsumer({ topic: TOPICS.finalGrades, groupId: `${group}.final-grades`, handle: (event) => this.dispatch.onFinalGrade(event.payload) })
      .start();
    await this.gateway
      .createConsumer({ topic: TOPICS.examResults, groupId: `${group}.exam-results`, handle: (event) => this.dispatch.onExamResult(event.payload) })
      .start();
    await this.gateway
      .createConsumer({ topic: TOPICS.marks, groupId: `${group}.marks`, handle: (event) => this.dispatch.onMark(event.payload) })
      .start();
    await this.gateway
      .createConsumer({ topic: TOPICS.homework, groupId: `${group}.homework`, handle: (event) => this.dispatch.onHomework(event.payload) })
      .start();
  }
}
