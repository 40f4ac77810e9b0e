import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { localDate, nextDigestRun } from '../delivery-policy/digest-schedule';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../notifications.config';
import { DigestService } from './digest.service';

const CHECK_INTERVAL_MS = 60_000;

/**
 * Runs the daily digest at the configured local time in every school time zone.
 * NOTE: a service started after that time counts today's run as done, because it cannot
 * tell whether an earlier process ran it; POST /v1/digests/run starts one by hand.
 */
@Injectable()
export class DigestScheduler implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DigestScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  /** Local date of the last run per time zone. */
  private readonly lastRun = new Map<string, string>();
  private running: Promise<void> = Promise.resolve();

  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    private readonly digests: DigestService,
  ) {}

  onModuleInit(): void {
    if (!this.config.digest.scheduler) return;
    const zones = new Set([this.config.schools.defaultTimeZone, ...this.config.schools.list.map((school) => school.timeZone)]);
    const now = new Date();
    for (const zone of zones) {
      if (this.isDueToday(now, zone)) this.lastRun.set(zone, localDate(now, zone));
    }
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.tick());
    }, CHECK_INTERVAL_MS);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    const now = new Date();
    const zones = new Set([this.config.schools.defaultTimeZone, ...this.config.schools.list.map((school) => school.timeZone)]);
    for (const zone of zones) {
      const today = localDate(now, zone);
      const lastDay = this.lastRun.get(zone);
      if (today === lastDay || !this.isDueToday(now, zone)) continue;
      this.lastRun.set(zone, today);
      try {
        await this.digests.run(now, { timeZone: zone });
      } catch (error) {
        this.logger.error({ err: error, timeZone: zone }, 'daily digest run failed; retrying at the next check');
        if (lastDay === undefined) this.lastRun.delete(zone);
        else this.lastRun.set(zone, lastDay);
      }
    }
  }

  /** True once today's local digest time has passed: the next run is then tomorrow's. */
  private isDueToday(now: Date, zone: string): boolean {
    const next = nextDigestRun({ now, timeZone: zone, localTime: this.config.digest.localTime });
    return localDate(next, zone) !== localDate(now, zone);
  }
}
