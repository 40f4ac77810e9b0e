import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Worker, type Job } from 'bullmq';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../notifications.config';
import { bullConnection, DELIVERY_QUEUES, deliveryJobSchema, type DeliveryJob, type DeliveryQueueName } from './delivery-queues';
import { DeliveryService } from './delivery.service';

/** BullMQ workers of the email and SMS queues; each job is one delivery attempt. */
@Injectable()
export class DeliveryProcessor implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DeliveryProcessor.name);
  private readonly workers: Worker<DeliveryJob>[] = [];

  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    private readonly delivery: DeliveryService,
  ) {}

  onModuleInit(): void {
    this.workers.push(this.createWorker(DELIVERY_QUEUES.email, 8), this.createWorker(DELIVERY_QUEUES.sms, 8));
  }

  /** Lets running jobs finish, so a restart neither loses nor repeats a send. */
  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
  }

  private createWorker(channel: DeliveryQueueName, concurrency: number): Worker<DeliveryJob> {
    const worker = new Worker<DeliveryJob>(channel, (job) => this.process(channel, job), {
      connection: bullConnection(this.config.redis.url),
      prefix: this.config.redis.queuePrefix,
      concurrency,
      // The lock is renewed while a job runs, so a slow SMTP server does not make the
      // job look stalled and be handed to a second worker.
      lockDuration: this.config.delivery.lockMs,
    });
    worker.on('error', (error) => this.logger.error({ err: error, queue: channel }, 'worker error'));
    return worker;
  }

  private async process(channel: DeliveryQueueName, job: Job<DeliveryJob>): Promise<void> {
    const parsed = deliveryJobSchema.safeParse(job.data);
    if (!parsed.success) {
      this.logger.error({ jobId: job.id, queue: channel, issues: parsed.error.issues }, 'invalid delivery job; dropping it');
      return;
    }
    const attempt = { made: job.attemptsMade, max: job.opts.attempts ?? 1 };
    if (channel === 'email') await this.delivery.sendEmail(parsed.data.notificationId, attempt);
    else await this.delivery.sendSms(parsed.data.notificationId, attempt);
  }
}
