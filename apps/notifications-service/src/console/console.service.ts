import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DeadlineService, type DeadlineView } from '../deadlines/deadline.service';
import { DELIVERY_QUEUES, DeliveryQueues, deliveryJobId, type DeliveryJob, type DeliveryQueueName } from '../delivery/delivery-queues';
import { NotificationRepository } from '../dispatch/notification.repository';
import type { Notification } from '../dispatch/notification.schema';
import { ConsoleDeliveryRepository, OPERATOR_RETRY_REASON } from './console-delivery.repository';

export interface QueueOverview {
  queue: DeliveryQueueName;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completedLastHour: number;
  /** The count stopped at COMPLETED_SCAN_LIMIT jobs, so the real number may be higher. */
  completedCapped: boolean;
}

export interface BulkResult {
  changed: number;
  /** Ids that were no longer failed when the operator acted. */
  skipped: string[];
}

/**
 * First job round of operator retries. The SMS retry policy numbers its rounds by attempts
 * (1 to DELIVERY_ATTEMPTS), and BullMQ ignores an add whose job id it still keeps, so operator
 * rounds start far above those.
 */
const OPERATOR_ROUND_BASE = 1000;

const COMPLETED_PAGE = 500;
/** Upper bound of completed jobs read to count the last hour. */
const COMPLETED_SCAN_LIMIT = 20_000;
const FAILED_LIMIT = 1000;
const LOG_LIMIT = 1000;
const BOARD_LIMIT = 2000;

/** Queue counts, failed deliveries, the deadline board and the delivery log for the console pages. */
@Injectable()
export class ConsoleService {
  private readonly logger = new Logger(ConsoleService.name);

  constructor(
    private readonly queues: DeliveryQueues,
    private readonly deadlines: DeadlineService,
    private readonly notifications: NotificationRepository,
    private readonly deliveries: ConsoleDeliveryRepository,
  ) {}

  async queueOverview(now = new Date()): Promise<QueueOverview[]> {
    const overview: QueueOverview[] = [];
    for (const name of Object.values(DELIVERY_QUEUES)) {
      const queue = this.queues.queue(name);
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
      const completed = await this.countCompletedSince(name, now.getTime() - 3600_000);
      overview.push({
        queue: name,
        waiting: counts['waiting'] ?? 0,
        active: counts['active'] ?? 0,
        delayed: counts['delayed'] ?? 0,
        failed: counts['failed'] ?? 0,
        completedLastHour: completed.count,
        completedCapped: completed.capped,
      });
    }
    return overview;
  }

  /** Pages through completed jobs, newest first, until one finished before `since`. */
  private async countCompletedSince(name: DeliveryQueueName, since: number): Promise<{ count: number; capped: boolean }> {
    const queue = this.queues.queue(name);
    let count = 0;
    for (let start = 0; start < COMPLETED_SCAN_LIMIT; start += COMPLETED_PAGE) {
      const jobs: Job<DeliveryJob>[] = await queue.getJobs(['completed'], start, start + COMPLETED_PAGE - 1, false);
      for (const job of jobs) {
        if ((job.finishedOn ?? 0) < since) return { count, capped: false };
        count += 1;
      }
      if (jobs.length < COMPLETED_PAGE) return { count, capped: false };
    }
    return { count, capped: true };
  }

  failedDeliveries(): Promise<Notification[]> {
    return this.deliveries.findFailed(FAILED_LIMIT);
  }

  /**
   * Sends each failed delivery again: back to queued with a history entry, then a new job.
   * The job id carries the retry round, because BullMQ keeps the failed job under the old id.
   */
  async retry(notificationIds: string[]): Promise<BulkResult> {
    const result: BulkResult = { changed: 0, skipped: [] };
    for (const notificationId of notificationIds) {
      const reopened = await this.deliveries.reopen(notificationId);
      if (!reopened || reopened.channel === 'paper') {
        result.skipped.push(notificationId);
        continue;
      }
      const round = reopened.history.filter((change) => change.reason === OPERATOR_RETRY_REASON).length;
      await this.queues.enqueue(reopened.channel, notificationId, { round: OPERATOR_ROUND_BASE + round });
      result.changed += 1;
      this.logger.log({ notificationId, channel: reopened.channel, round }, 'failed delivery re-enqueued by an operator');
    }
    return result;
  }

  /** Closes each failed delivery as skipped and removes its failed job from the queue. */
  async discard(notificationIds: string[]): Promise<BulkResult> {
    const result: BulkResult = { changed: 0, skipped: [] };
    for (const notificationId of notificationIds) {
      const discarded = await this.deliveries.discard(notificationId);
      if (!discarded || discarded.channel === 'paper') {
        result.skipped.push(notificationId);
        continue;
      }
      await this.removeFailedJobs(discarded.channel, notificationId);
      result.changed += 1;
      this.logger.log({ notificationId, channel: discarded.channel }, 'failed delivery discarded by an operator');
    }
    return result;
  }

  private async removeFailedJobs(channel: DeliveryQueueName, notificationId: string): Promise<void> {
    const queue = this.queues.queue(channel);
    const job = await queue.getJob(deliveryJobId(notificationId, channel));
    if (job && (await job.isFailed())) await job.remove();
  }

  /** Results not yet delivered by any channel, most urgent first; a late delivery leaves the board too. */
  async deadlineBoard(now = new Date()): Promise<DeadlineView[]> {
    return (await this.deadlines.list({}, now, BOARD_LIMIT)).filter((item) => item.deliveredAt === null);
  }

  async deliveryLog(query: { guardianId?: string; studentId?: string }): Promise<Notification[]> {
    if (query.guardianId) return this.notifications.findForGuardian(query.guardianId, LOG_LIMIT);
    if (query.studentId) return this.deliveries.findForStudent(query.studentId, LOG_LIMIT);
    return [];
  }
}
