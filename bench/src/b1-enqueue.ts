import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { ENDPOINTS } from './environment';
import { compare, expectCount, inParallel, timeStage, type Comparison } from './measure';
import { deleteQueueKeys, deliveryJobId, DeliveryQueues, loadNotificationsConfig, notificationIdFor, serviceEnv } from './service-context';

/** Jobs per addBulk call of the baseline, and calls in flight at once on the system side. */
const BATCH_SIZE = 500;

/** B1: the dispatcher's enqueue step for ready notifications, against raw BullMQ addBulk. */
export async function benchEnqueue(redis: Redis, runPrefix: string, size: { jobs: number; rounds: number }): Promise<Comparison> {
  const ids = Array.from({ length: size.jobs }, (_, index) => notificationIdFor(`bench-b1-${index}`, `g${index}`, 'email'));

  const countJobs = async (queue: Queue) => {
    const counts = await queue.getJobCounts('wait', 'delayed', 'prioritized');
    return (counts['wait'] ?? 0) + (counts['delayed'] ?? 0) + (counts['prioritized'] ?? 0);
  };

  const result = await compare(
    { id: 'B1', title: `dispatcher enqueueing ${size.jobs} ready notifications`, goal: 0.9, rounds: size.rounds },
    async (round) => {
      const prefix = `${runPrefix}-b1-base-${round}`;
      const config = loadNotificationsConfig(serviceEnv(prefix));
      // The same default job options as DeliveryQueues, so both sides store the same job hashes.
      const queue = new Queue('email', {
        connection: { host: '127.0.0.1', port: Number(new URL(ENDPOINTS.redisUrl).port), maxRetriesPerRequest: null },
        prefix,
        defaultJobOptions: {
          attempts: config.delivery.attempts,
          backoff: { type: 'exponential', delay: config.delivery.backoffMs },
          removeOnComplete: { age: 7 * 24 * 3600 },
          removeOnFail: { age: 30 * 24 * 3600 },
        },
      });
      await queue.waitUntilReady();
      const timing = await timeStage(redis, ids.length, async () => {
        for (let start = 0; start < ids.length; start += BATCH_SIZE) {
          const batch = ids.slice(start, start + BATCH_SIZE);
          await queue.addBulk(
            batch.map((notificationId) => ({
              name: 'deliver',
              data: { notificationId },
              opts: { jobId: deliveryJobId(notificationId, 'email'), delay: 0 },
            })),
          );
        }
      });
      expectCount('B1 baseline jobs in queue', ids.length, await countJobs(queue));
      await queue.close();
      await deleteQueueKeys(ENDPOINTS.redisUrl, prefix);
      return timing;
    },
    async (round) => {
      const prefix = `${runPrefix}-b1-sys-${round}`;
      const queues = new DeliveryQueues(loadNotificationsConfig(serviceEnv(prefix)));
      await queues.queue('email').waitUntilReady();
      const timing = await timeStage(redis, ids.length, () =>
        inParallel(ids, BATCH_SIZE, (notificationId) => queues.enqueue('email', notificationId)),
      );
      expectCount('B1 system jobs in queue', ids.length, await countJobs(queues.queue('email')));
      await queues.onApplicationShutdown();
      await deleteQueueKeys(ENDPOINTS.redisUrl, prefix);
      return timing;
    },
  );
  result.notes.push(`Baseline: addBulk in batches of ${BATCH_SIZE}. System: DeliveryQueues.enqueue, one add per job as the dispatcher calls it, ${BATCH_SIZE} in flight.`);
  return result;
}
