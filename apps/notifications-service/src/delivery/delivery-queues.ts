import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue, type ConnectionOptions } from 'bullmq';
import { z } from 'zod';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../notifications.config';

/** One BullMQ queue per electronic channel; paper needs no queue. */
export const DELIVERY_QUEUES = { email: 'email', sms: 'sms' } as const;
export type DeliveryQueueName = (typeof DELIVERY_QUEUES)[keyof typeof DELIVERY_QUEUES];

export const deliveryJobSchema = z.object({ notificationId: z.string().regex(/^n[0-9a-f]{31}$/) });
export type DeliveryJob = z.infer<typeof deliveryJobSchema>;

/** Redis connection options for BullMQ, which opens and closes its own connections. */
export function bullConnection(url: string): ConnectionOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    ...(parsed.password && { password: decodeURIComponent(parsed.password) }),
    ...(parsed.username && { username: decodeURIComponent(parsed.username) }),
    ...(parsed.protocol === 'rediss:' && { tls: {} }),
    maxRetriesPerRequest: null,
  };
}

/**
 * Job id of a delivery attempt: derived from the notification and channel, so that
 * adding the same delivery twice leaves one job. BullMQ rejects ids with ':' and ids
 * that are all digits; notification ids start with a letter and contain neither.
 */
export const deliveryJobId = (notificationId: string, channel: DeliveryQueueName, round = 0) =>
  round === 0 ? `${notificationId}-${channel}` : `${notificationId}-${channel}-r${round}`;

@Injectable()
export class DeliveryQueues implements OnApplicationShutdown {
  private readonly queues: Record<DeliveryQueueName, Queue<DeliveryJob>>;

  constructor(@Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig) {
    const connection = bullConnection(config.redis.url);
    const options = {
      connection,
      prefix: config.redis.queuePrefix,
      defaultJobOptions: {
        attempts: config.delivery.attempts,
        backoff: { type: 'exponential', delay: config.delivery.backoffMs },
        // Completed jobs stay a week, so that re-adding a delivered job id is a no-op.
        removeOnComplete: { age: 7 * 24 * 3600 },
        removeOnFail: { age: 30 * 24 * 3600 },
      },
    };
    this.queues = {
      email: new Queue<DeliveryJob>(DELIVERY_QUEUES.email, options),
      sms: new Queue<DeliveryJob>(DELIVERY_QUEUES.sms, options),
    };
  }

  /** Adds a delivery job unless one with the same id exists; delayMs defers an SMS past quiet hours. */
  async enqueue(channel: DeliveryQueueName, notificationId: string, options: { delayMs?: number; round?: number } = {}): Promise<void> {
    await this.queues[channel].add(
      'deliver',
      { notificationId },
      { jobId: deliveryJobId(notificationId, channel, options.round), delay: Math.max(0, options.delayMs ?? 0) },
    );
  }

  /** Adds many delivery jobs with one addBulk call; ids that exist already are left as they are. */
  async enqueueMany(channel: DeliveryQueueName, jobs: { notificationId: string; delayMs?: number }[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queues[channel].addBulk(
      jobs.map(({ notificationId, delayMs }) => ({
        name: 'deliver',
        data: { notificationId },
        opts: { jobId: deliveryJobId(notificationId, channel), delay: Math.max(0, delayMs ?? 0) },
      })),
    );
  }

  queue(channel: DeliveryQueueName): Queue<DeliveryJob> {
    return this.queues[channel];
  }

  /**
   * Closes the queues only after every module is destroyed, so the Kafka consumers, stopped
   * in their onModuleDestroy, never hand a message to a closed queue during a restart.
   * Such a message would fail its retries and land in the dead-letter topic.
   */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((queue) => queue.close()));
  }
}
