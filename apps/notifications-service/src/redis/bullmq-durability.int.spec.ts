import { startScratchRedis, uniqueName, type ScratchRedis } from '@ediary/testing';
import { Queue, QueueEvents, Worker, type Job } from 'bullmq';

interface EmailJob {
  notificationId: string;
}

// Connection options rather than a client, so that each queue and worker closes its own.
const connectionTo = (redis: ScratchRedis) => ({ host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null });

describe('BullMQ on Redis', () => {
  let redis: ScratchRedis;

  beforeAll(async () => {
    redis = await startScratchRedis('bullmq');
  });

  afterAll(async () => {
    await redis.stop();
  });

  it('processes an enqueued job', async () => {
    const queueName = uniqueName('email');
    const queue = new Queue<EmailJob>(queueName, { connection: connectionTo(redis) });
    const events = new QueueEvents(queueName, { connection: connectionTo(redis) });
    await events.waitUntilReady();
    const processed: string[] = [];
    const worker = new Worker<EmailJob>(
      queueName,
      async (job: Job<EmailJob>) => {
        processed.push(job.data.notificationId);
        return 'sent';
      },
      { connection: connectionTo(redis) },
    );

    const job = await queue.add('send', { notificationId: 'n-10' }, { jobId: 'n-10-email' });
    const result: unknown = await job.waitUntilFinished(events, 30_000);

    expect(result).toBe('sent');
    expect(processed).toEqual(['n-10']);
    await worker.close();
    await events.close();
    await queue.close();
  });

  it('keeps a waiting job across a Redis restart', async () => {
    const queueName = uniqueName('sms');
    const producerQueue = new Queue<EmailJob>(queueName, { connection: connectionTo(redis) });
    await producerQueue.add('send', { notificationId: 'n-20' }, { jobId: 'n-20-sms' });
    await producerQueue.close();

    await redis.restart();

    const queue = new Queue<EmailJob>(queueName, { connection: connectionTo(redis) });
    const waiting = await queue.getJob('n-20-sms');
    const counts = await queue.getJobCounts('waiting');
    await queue.close();

    expect(waiting?.data.notificationId).toBe('n-20');
    expect(counts['waiting']).toBe(1);
  });
});
