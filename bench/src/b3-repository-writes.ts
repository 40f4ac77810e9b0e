import type { Redis } from 'ioredis';
import { guardiansOfStudent } from './fixtures';
import { compare, expectCount, timeStage, type Comparison } from './measure';
import { ServiceContext } from './service-context';

/**
 * Mark events per addMany call on the system side: the marks consumer's largest slice of a
 * fetched Kafka batch (EventConsumer's maxBatchSize default), which it reaches under a backlog.
 * One call at a time, as one consumer handles one partition's batch at a time.
 */
const EVENTS_PER_BATCH = 500;

/** Digest items that mark events produce: one per guardian of the student, 1.75 on average. */
function digestItemsFor(events: number) {
  const items: { guardianId: string; itemKey: string; kind: 'mark'; studentId: string; dataJson: string }[] = [];
  for (let student = 0; student < events; student += 1) {
    const dataJson = JSON.stringify({ subject: 'Математика', value: 5, assignmentType: 'Ответ на уроке', lessonDate: '2025-03-14', overdue: false, action: 'recorded' });
    for (let guardian = 0; guardian < guardiansOfStudent(student); guardian += 1) {
      items.push({ guardianId: `g${student}-${guardian}`, itemKey: `mark:m${student}`, kind: 'mark', studentId: `s${student}`, dataJson });
    }
  }
  return items;
}

/** B3: DigestRepository.addMany for the items of mark events, against an unordered driver bulkWrite. */
export async function benchRepositoryWrites(redis: Redis, runPrefix: string, size: { events: number; rounds: number }): Promise<Comparison> {
  const items = digestItemsFor(size.events);

  const result = await compare(
    { id: 'B3', title: `repository writes of ${size.events} mark events (${items.length} digest items)`, goal: 0.85, rounds: size.rounds },
    async (round) => {
      const context = await ServiceContext.open(`${runPrefix}-b3-base-${round}`);
      const collection = context.models.digestItem.collection;
      const now = new Date();
      const timing = await timeStage(redis, items.length, async () => {
        await collection.bulkWrite(
          items.map((item) => ({ insertOne: { document: { ...item, digestKey: null, createdAt: now, updatedAt: now } } })),
          { ordered: false },
        );
      });
      expectCount('B3 baseline stored items', items.length, await collection.countDocuments());
      await context.dispose();
      return timing;
    },
    async (round) => {
      const context = await ServiceContext.open(`${runPrefix}-b3-sys-${round}`);
      const itemsPerBatch = Math.round(EVENTS_PER_BATCH * (items.length / size.events));
      const timing = await timeStage(redis, items.length, async () => {
        for (let start = 0; start < items.length; start += itemsPerBatch) {
          await context.digestItems.addMany(items.slice(start, start + itemsPerBatch));
        }
      });
      expectCount('B3 system stored items', items.length, await context.models.digestItem.countDocuments());
      await context.dispose();
      return timing;
    },
  );
  result.notes.push(
    `Baseline: one unordered bulkWrite of every item. System: DigestRepository.addMany, as the marks consumer calls it, once per ${EVENTS_PER_BATCH} mark events, one call at a time. Both sides write into a collection with the service's indexes.`,
  );
  return result;
}
