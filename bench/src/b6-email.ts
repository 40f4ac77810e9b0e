import type { Redis } from 'ioredis';
import nodemailer from 'nodemailer';
import { readMailIndex } from '@ediary/local-infra';
import { digestData } from './fixtures';
import { ENDPOINTS, MAIL_DATA_DIR } from './environment';
import { compare, expectCount, inParallel, timeStage, type Comparison } from './measure';
import { renderNotification, ServiceContext } from './service-context';

/** The service's email transport pools 4 SMTP connections and its worker runs 8 jobs at once. */
const SMTP_CONNECTIONS = 4;
const WORKER_CONCURRENCY = 8;

/** Messages the mail sink stored for recipients of one domain. */
async function countMail(domain: string): Promise<number> {
  const entries = await readMailIndex(MAIL_DATA_DIR);
  return entries.filter((entry) => entry.envelopeTo.some((address) => address.endsWith(`@${domain}`))).length;
}

/** Polls until `count` reaches `expected` or stops growing for `quietMs`; returns the last count. */
async function settle(count: () => Promise<number>, expected: number, quietMs = 5_000): Promise<number> {
  let last = -1;
  let changedAt = Date.now();
  for (;;) {
    const current = await count();
    if (current >= expected && current === last) return current;
    if (current !== last) changedAt = Date.now();
    else if (Date.now() - changedAt > quietMs) return current;
    last = current;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** B6 email: the service's delivery workers sending to the mail sink, against pooled nodemailer. */
export async function benchEmail(redis: Redis, runPrefix: string, size: { emails: number; rounds: number }): Promise<Comparison> {
  const indexes = Array.from({ length: size.emails }, (_, index) => index);

  const result = await compare(
    { id: 'B6', title: `email workers sending ${size.emails} daily digests`, goal: 0.85, rounds: size.rounds },
    async (round) => {
      const domain = `${runPrefix}-b6-base-${round}.bench.example`;
      const messages = indexes.map((index) => ({ to: `g${index}@${domain}`, rendered: renderNotification('daily-digest', digestData(index)) }));
      const transport = nodemailer.createTransport({ host: ENDPOINTS.smtp.host, port: ENDPOINTS.smtp.port, secure: false, pool: true, maxConnections: SMTP_CONNECTIONS });
      const timing = await timeStage(redis, messages.length, () =>
        inParallel(messages, WORKER_CONCURRENCY, ({ to, rendered }) =>
          transport.sendMail({ from: 'dnevnik@school.example', to, subject: rendered.email.subject, text: rendered.email.text, html: rendered.email.html }),
        ),
      );
      transport.close();
      expectCount('B6 baseline messages in the mail sink', messages.length, await settle(() => countMail(domain), messages.length));
      return timing;
    },
    async (round) => {
      const prefix = `${runPrefix}-b6-sys-${round}`;
      const domain = `${prefix}.bench.example`;
      const context = await ServiceContext.open(prefix);
      await inParallel(indexes, 32, async (index) => {
        const { notification } = await context.notifications.createOnce({
          dedupeKey: `bench-digest-${index}`,
          guardianId: `g${index}`,
          schoolId: 'school-1',
          studentIds: [`s${index}`],
          channel: 'email',
          kind: 'daily-digest',
          templateData: digestData(index),
          recipient: `g${index}@${domain}`,
          status: 'queued',
        });
        await context.queues.enqueue('email', notification.notificationId);
      });

      // Matches the { channel, status } index and polls twice a second, so the check adds little store load.
      const sent = () => context.models.notification.countDocuments({ channel: 'email', status: 'sent' });
      const timing = await timeStage(redis, indexes.length, async () => {
        context.startDeliveryWorkers();
        while ((await sent()) < indexes.length) await new Promise((resolve) => setTimeout(resolve, 500));
      });
      expectCount('B6 system notifications marked sent', indexes.length, await sent());
      expectCount('B6 system messages in the mail sink', indexes.length, await settle(() => countMail(domain), indexes.length));
      await context.dispose();
      return timing;
    },
  );
  result.notes.push(
    `Baseline: one pooled nodemailer transport with ${SMTP_CONNECTIONS} connections, ${WORKER_CONCURRENCY} sends in flight, messages rendered beforehand.`,
    'System: DeliveryProcessor workers started on a queue already holding every job; each job reads its notification, renders it, sends it and records "sent". The stage ends when every notification is "sent".',
  );
  return result;
}
