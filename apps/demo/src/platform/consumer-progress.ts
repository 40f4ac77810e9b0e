import { Kafka, logLevel } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface TopicExpectation {
  /** Full topic name, prefix included. */
  topic: string;
  /** Full consumer group id, prefix included. */
  groupId: string;
  /** Messages the producer must have written to the topic. */
  messages: number;
}

/**
 * Waits until each topic contains at least the expected number of messages and its consumer
 * group has committed every one of them, so that everything sent has been handled.
 * Throws naming the topic that did not get there within `timeoutMs`.
 */
export async function waitUntilConsumed(brokers: string[], expectations: TopicExpectation[], timeoutMs: number): Promise<void> {
  const admin = new Kafka({ clientId: 'demo-progress', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (const expectation of expectations) {
      let state = 'not checked yet';
      for (;;) {
        const ends = await admin.fetchTopicOffsets(expectation.topic).catch(() => []);
        const written = ends.reduce((sum, partition) => sum + Number(partition.high), 0);
        const groups = await admin.fetchOffsets({ groupId: expectation.groupId, topics: [expectation.topic] }).catch(() => []);
        const committed = groups
          .flatMap((group) => group.partitions)
          .reduce((sum, partition) => sum + Math.max(0, Number(partition.offset)), 0);
        if (written >= expectation.messages && committed >= written) break;
        state = `${written} of ${expectation.messages} messages written, ${committed} handled`;
        if (Date.now() > deadline) {
          throw new Error(`timed out waiting for ${expectation.groupId} to handle ${expectation.topic}: ${state}`);
        }
        await sleep(300);
      }
    }
  } finally {
    await admin.disconnect();
  }
}
