import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { DeadlineService, type DeadlineState } from '../deadlines/deadline.service';
import { CHANNELS } from '@ediary/contracts';
import { DELIVERY_QUEUES, DeliveryQueues, type DeliveryQueueName } from '../delivery/delivery-queues';
import { DELIVERY_STATUSES } from '../dispatch/notification.schema';
import { NotificationCountsRepository } from './notification-counts.repository';

/** BullMQ job states reported per queue. */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'paused'] as const;

const DEADLINE_STATES: DeadlineState[] = ['on-track', 'at-risk', 'breached', 'met'];

/**
 * Upper bound of deadline items one scrape reads.
 * NOTE: items past this bound are left out of notifications_deadline_items.
 */
const DEADLINE_SCRAPE_LIMIT = 100_000;

/**
 * Registers the notifications-service gauges. Each is computed on scrape from Redis or Mongo, so
 * the values survive restarts. A failed read is logged and leaves that gauge empty for the
 * scrape instead of failing /metrics.
 * NOTE: with several replicas each one reports the same shared totals, so sum() over replicas overcounts.
 */
@Injectable()
export class NotificationsMetricsService implements OnModuleInit {
  private readonly logger = new Logger(NotificationsMetricsService.name);

  constructor(
    private readonly registry: Registry,
    private readonly queues: DeliveryQueues,
    private readonly deadlines: DeadlineService,
    private readonly counts: NotificationCountsRepository,
  ) {}

  onModuleInit(): void {
    const queueJobs: Gauge<'queue' | 'state'> = new Gauge({
      name: 'notifications_queue_jobs',
      help: 'Delivery jobs in each BullMQ queue by job state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      collect: () => this.collect('notifications_queue_jobs', queueJobs, () => this.collectQueueJobs(queueJobs)),
    });

    const byChannelStatus: Gauge<'channel' | 'status'> = new Gauge({
      name: 'notifications_by_channel_status',
      help: 'Notifications by channel and delivery status',
      labelNames: ['channel', 'status'],
      registers: [this.registry],
      collect: () => this.collect('notifications_by_channel_status', byChannelStatus, () => this.collectChannelStatus(byChannelStatus)),
    });

    const deadlineItems: Gauge<'state'> = new Gauge({
      name: 'notifications_deadline_items',
      help: 'Results that must reach a guardian by the publication deadline, by deadline state',
      labelNames: ['state'],
      registers: [this.registry],
      collect: () => this.collect('notifications_deadline_items', deadlineItems, () => this.collectDeadlineItems(deadlineItems)),
    });
  }

  private async collectQueueJobs(gauge: Gauge<'queue' | 'state'>): Promise<void> {
    for (const name of Object.values(DELIVERY_QUEUES) as DeliveryQueueName[]) {
      const counts = await this.queues.queue(name).getJobCounts(...QUEUE_STATES);
      for (const state of QUEUE_STATES) gauge.set({ queue: name, state }, counts[state] ?? 0);
    }
  }

  private async collectChannelStatus(gauge: Gauge<'channel' | 'status'>): Promise<void> {
    // Zeros first, so that a series does not vanish while no notification is in that status.
    for (const channel of CHANNELS) for (const status of DELIVERY_STATUSES) gauge.set({ channel, status }, 0);
    for (const entry of await this.counts.countByChannelAndStatus()) {
      gauge.set({ channel: entry.channel, status: entry.status }, entry.count);
    }
  }

  private async collectDeadlineItems(gauge: Gauge<'state'>): Promise<void> {
    const items = await this.deadlines.list({}, new Date(), DEADLINE_SCRAPE_LIMIT);
    for (const state of DEADLINE_STATES) gauge.set({ state }, items.filter((item) => item.state === state).length);
  }

  /** Clears the gauge, then fills it; a failed read is logged and leaves the gauge empty for this scrape. */
  private async collect(metric: string, gauge: Gauge<string>, fill: () => Promise<void>): Promise<void> {
    gauge.reset();
    try {
      await fill();
    } catch (error) {
      this.logger.warn({ metric, err: error }, 'metric collection failed; the series is left out of this scrape');
    }
  }
}
