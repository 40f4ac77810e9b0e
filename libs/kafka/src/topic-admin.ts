import { TOPIC_DEFINITIONS, type TopicName } from '@ediary/contracts';
import type { Admin } from 'kafkajs';

/**
 * Creates the given topics (with the deployment's prefix) when they do not exist yet.
 * Compacted topics keep the latest state per key; the others keep a week of history.
 */
export async function ensureTopics(admin: Admin, topics: readonly TopicName[], prefix: string, partitions = 3): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((topic) => !existing.has(prefix + topic));
  if (missing.length === 0) return;
  await admin.createTopics({
    waitForLeaders: true,
    topics: missing.map((topic) => ({
      topic: prefix + topic,
      numPartitions: partitions,
      configEntries: TOPIC_DEFINITIONS[topic].compacted
        ? [{ name: 'cleanup.policy', value: 'compact' }]
        : [{ name: 'retention.ms', value: String(7 * 24 * 3600 * 1000) }],
    })),
  });
}
