import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { TOPICS } from '@ediary/contracts';
import { KafkaGateway } from '@ediary/kafka';
import { DispatchService } from './dispatch.service';

/**
 * Partitions of each journal topic (ensureTopics creates three), handled at the same time so
 * that one partition's batch need not wait for another's store round trips.
 */
const JOURNAL_PARTITIONS = 3;

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
    // Each consumer hands a fetched batch to the dispatcher at once, so a burst such as an exam-result
    // release costs one guardian lookup and one insert per collection per batch, not per event.
    await this.gateway
      .createConsumer({
        topic: TOPICS.finalGrades,
        groupId: `${group}.final-grades`,
        handle: (event) => this.dispatch.onFinalGrade(event.payload),
        handleBatch: (events) => this.dispatch.onFinalGrades(events.map((event) => event.payload)),
        partitionsConsumedConcurrently: JOURNAL_PARTITIONS,
      })
      .start();
    await this.gateway
      .createConsumer({
        topic: TOPICS.examResults,
        groupId: `${group}.exam-results`,
        handle: (event) => this.dispatch.onExamResult(event.payload),
        handleBatch: (events) => this.dispatch.onExamResults(events.map((event) => event.payload)),
        partitionsConsumedConcurrently: JOURNAL_PARTITIONS,
      })
      .start();
    await this.gateway
      .createConsumer({
        topic: TOPICS.marks,
        groupId: `${group}.marks`,
        handle: (event) => this.dispatch.onMark(event.payload),
        handleBatch: async (events) => {
          await this.dispatch.onMarks(events.map((event) => event.payload));
        },
        partitionsConsumedConcurrently: JOURNAL_PARTITIONS,
      })
      .start();
    await this.gateway
      .createConsumer({ topic: TOPICS.homework, groupId: `${group}.homework`, handle: (event) => this.dispatch.onHomework(event.payload) })
      .start();
  }
}
