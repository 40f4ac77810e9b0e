import { randomInt } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import { countSmsSegments } from '@ediary/sms';
import { readSmsRecords, SANDBOX_NUMBERS, type SmsRecord } from '@ediary/local-infra';
import { MessageRenderer } from '../../apps/notifications-service/src/delivery/message-renderer';
import type { NotificationKind } from '../../apps/notifications-service/src/dispatch/notification.schema';
import { digestData } from './fixtures';
import { SMS_DATA_DIR } from './environment';
import { expectCount, inParallel, log, timeStage, type Measurement, type StageTiming } from './measure';
import { ServiceContext } from './service-context';

/** Minimum share of the limit that the full seconds of the run must use. */
const MIN_UTILISATION = 0.95;
const POLL_INTERVAL_MS = 500;

/**
 * Kinds sent in turn. With the fixture names their SMS take 1, 2, 2, 2 and 3 UCS-2 segments,
 * 2 on average, so windows fill with a mix and a short message can use a window's last segment.
 */
const KINDS: readonly NotificationKind[] = ['exam-result', 'final-grade', 'new-mark', 'deferral', 'daily-digest'];

/** Template data of the `index`-th message, built from the digest fixture so names vary. */
function templateData(kind: NotificationKind, index: number): Record<string, unknown> {
  const digest = digestData(index);
  const child = digest.children[0];
  const mark = child?.marks[0];
  if (!child || !mark) throw new Error('digestData returned no child or no mark');
  const common = { guardianName: digest.guardianName, schoolName: digest.schoolName, studentName: child.studentName, subject: mark.subject };
  const period = { kind: 'quarter', number: (index % 4) + 1, schoolYear: '2024/2025' };
  switch (kind) {
    case 'exam-result':
      return { ...common, examKind: 'ОГЭ', score: 10 + (index % 20), mark: (index % 4) + 2, resultsObtainedAt: '2025-06-20T10:00:00+03:00' };
    case 'final-grade':
      return { ...common, period, value: mark.value };
    case 'new-mark':
      return { ...common, value: mark.value, assignmentType: mark.assignmentType, lessonDate: mark.lessonDate, action: 'recorded', overdue: index % 7 === 0 };
    case 'deferral':
      return { ...common, period, deferredUntil: '2025-04-01' };
    case 'daily-digest':
      return digest;
  }
}

/** Returns a sender number, +7999 and 7 random digits, that marks this run's records in messages.jsonl. */
function uniqueSender(): string {
  return `+7999${String(randomInt(10_000_000)).padStart(7, '0')}`;
}

/** Returns the recipient of the `index`-th message, a +7900 number outside the sandbox's failure numbers. */
function recipient(index: number): string {
  const phone = `+7900${String(index).padStart(7, '0')}`;
  if ((Object.values(SANDBOX_NUMBERS) as string[]).includes(phone)) throw new Error(`recipient ${phone} is one of the SMS sandbox's failure numbers; pick another range`);
  return phone;
}

/**
 * Starts an HTTP server on loopback that responds to every status callback with 204, so the
 * sandbox's callbacks for this run reach neither another service nor a closed port.
 */
async function startCallbackSink(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(204).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Polls messages.jsonl until `expected` records of `sender` are there or the count stops growing for `quietMs`. */
async function settleRecords(sender: string, expected: number, quietMs = 3_000): Promise<SmsRecord[]> {
  let last = -1;
  let changedAt = Date.now();
  for (;;) {
    const records = (await readSmsRecords(SMS_DATA_DIR)).filter((record) => record.from === sender);
    if (records.length >= expected && records.length === last) return records;
    if (records.length !== last) changedAt = Date.now();
    else if (Date.now() - changedAt > quietMs) return records;
    last = records.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Segments per calendar second, keyed by epoch second. */
function segmentsPerSecond(records: SmsRecord[]): Map<number, number> {
  const perSecond = new Map<number, number>();
  for (const record of records) {
    const second = Math.floor(Date.parse(record.createdAt) / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + (record.numSegments ?? 0));
  }
  return perSecond;
}

/**
 * Segments the service's limiter granted per window, read from its Redis keys while the run
 * goes on. The keys expire 10 s after their window, so the last few windows are read at every poll.
 */
class LimiterWindows {
  readonly granted = new Map<number, number>();

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  async poll(): Promise<void> {
    const [now] = await this.redis.time();
    const seconds = Array.from({ length: 6 }, (_, offset) => Number(now) - offset);
    const values = await this.redis.mget(seconds.map((second) => `${this.keyPrefix}:${second}`));
    seconds.forEach((second, index) => {
      const value = values[index];
      if (value) this.granted.set(second, Math.max(this.granted.get(second) ?? 0, Number(value)));
    });
  }
}

/**
 * B6 SMS: the service's delivery workers sending to the SMS sandbox under a per-sender rate
 * limit counted in segments. Checks that no calendar second of the sandbox's clock exceeds
 * the limit and that the full seconds use at least 95 % of it.
 */
export async function benchSms(redis: Redis, runPrefix: string, size: { messages: number; segmentsPerSecond: number }): Promise<Measurement> {
  const limit = size.segmentsPerSecond;
  const sender = uniqueSender();
  const sink = await startCallbackSink();
  const context = await ServiceContext.open(`${runPrefix}-b6-sms`, {
    SMS_RATE_SEGMENTS_PER_SECOND: String(limit),
    SMS_FROM: sender,
    PUBLIC_BASE_URL: sink.url,
  });
  try {
    const renderer = new MessageRenderer(context.config);
    const expectedSegments = new Map<string, number>();
    const indexes = Array.from({ length: size.messages }, (_, index) => index);
    await inParallel(indexes, 32, async (index) => {
      const kind = KINDS[index % KINDS.length] as NotificationKind;
      const { notification } = await context.notifications.createOnce({
        dedupeKey: `bench-sms-${index}`,
        guardianId: `g${index}`,
        schoolId: 'school-1',
        studentIds: [`s${index}`],
        channel: 'sms',
        kind,
        templateData: templateData(kind, index),
        recipient: recipient(index),
        status: 'queued',
      });
      expectedSegments.set(recipient(index), countSmsSegments(renderer.render(notification).sms).segments);
      await context.queues.enqueue('sms', notification.notificationId);
    });
    const totalSegments = [...expectedSegments.values()].reduce((sum, segments) => sum + segments, 0);
    log(`B6-SMS: ${size.messages} SMS with ${totalSegments} segments queued from ${sender}, limit ${limit} segments/s`);

    const windows = new LimiterWindows(redis, `${context.config.redis.queuePrefix}:sms-rate:${sender}`);
    const timing = await sendAll(context, redis, windows, size.messages, totalSegments / limit);
    // The last poll in sendAll may have run before the last grant.
    await windows.poll();
    const records = await settleRecords(sender, size.messages);
    expectCount('B6-SMS records in the SMS sandbox', size.messages, records.length);
    return summarise({ limit, sender, records, expectedSegments, windows, timing });
  } finally {
    await context.dispose();
    await sink.close();
  }
}

/**
 * Starts the delivery workers on the queued jobs and waits until every notification is
 * "sent". Throws when one fails or when sending takes over twice the time the limit allows plus 30 s.
 */
async function sendAll(context: ServiceContext, redis: Redis, windows: LimiterWindows, messages: number, expectedSeconds: number): Promise<StageTiming> {
  // One query for every status, because FerretDB 1.24 on SQLite does not use the
  // { channel, status } index (its explain shows a full scan) and each query scans the collection.
  const countByStatus = async () => {
    const groups = await context.models.notification.aggregate<{ _id: string; count: number }>([
      { $match: { channel: 'sms' } },
      { $group: { _id: '$status', count: { $sum: 1 } } },
    ]);
    return new Map(groups.map((group) => [group._id, group.count]));
  };
  const deadline = Date.now() + (2 * expectedSeconds + 30) * 1000;

  return timeStage(redis, messages, async () => {
    context.startDeliveryWorkers();
    for (;;) {
      const [counts] = await Promise.all([countByStatus(), windows.poll()]);
      const sent = counts.get('sent') ?? 0;
      const failing = (counts.get('failed') ?? 0) + (counts.get('retrying') ?? 0);
      if (sent >= messages) return;
      if (failing > 0) throw new Error(`B6-SMS: ${failing} notifications failed or are retrying; ${sent} of ${messages} sent`);
      if (Date.now() > deadline) {
        throw new Error(`B6-SMS: timed out after ${(2 * expectedSeconds + 30).toFixed(0)} s with ${sent} of ${messages} notifications sent`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  });
}

function summarise(input: {
  limit: number;
  sender: string;
  records: SmsRecord[];
  expectedSegments: Map<string, number>;
  windows: LimiterWindows;
  timing: StageTiming;
}): Measurement {
  const { limit, records, expectedSegments, windows, timing } = input;

  const rejected = records.filter((record) => record.status === 'rejected').length;
  const miscounted = records.filter((record) => record.to === null || expectedSegments.get(record.to) !== record.numSegments).length;

  const perSecond = segmentsPerSecond(records);
  const seconds = [...perSecond.keys()].sort((a, b) => a - b);
  const first = seconds[0] ?? 0;
  const last = seconds[seconds.length - 1] ?? 0;
  // Every second strictly between the first and the last, including any second without a record.
  const fullSeconds = Array.from({ length: Math.max(0, last - first - 1) }, (_, offset) => first + 1 + offset);
  const fullCounts = fullSeconds.map((second) => perSecond.get(second) ?? 0);
  const maxSegments = Math.max(...perSecond.values());
  const overLimit = seconds.filter((second) => (perSecond.get(second) ?? 0) > limit);
  const utilisation = fullCounts.length === 0 ? NaN : fullCounts.reduce((sum, segments) => sum + segments, 0) / (limit * fullCounts.length);

  // A window whose count differs from the sandbox's second lost or gained requests that
  // crossed the second boundary between the limiter's reservation and the sandbox's clock.
  const shifted = [...windows.granted.entries()].filter(([second, granted]) => (perSecond.get(second) ?? 0) !== granted);

  const met = maxSegments <= limit && utilisation >= MIN_UTILISATION && rejected === 0 && miscounted === 0;
  const micros = (cpuSeconds: number | null) => (cpuSeconds === null ? '—' : ((cpuSeconds / timing.events) * 1e6).toFixed(0));
  const spread = fullCounts.length === 0 ? '—' : `${Math.min(...fullCounts)}–${Math.max(...fullCounts)}`;
  const utilisationText = Number.isFinite(utilisation) ? `${(utilisation * 100).toFixed(1)} %` : 'no full second';

  log(`B6-SMS: segments per second ${seconds.map((second) => perSecond.get(second)).join(' ')}`);
  log(`B6-SMS: ${shifted.length} of ${windows.granted.size} limiter windows differ from the sandbox's second`);
  for (const [second, granted] of shifted) log(`B6-SMS: window ${second}: limiter granted ${granted}, sandbox counted ${perSecond.get(second) ?? 0}`);
  if (overLimit.length > 0) log(`B6-SMS: ${overLimit.length} seconds above ${limit} segments: ${overLimit.map((second) => `${second}=${perSecond.get(second)}`).join(', ')}`);
  if (rejected > 0) log(`B6-SMS: the sandbox rejected ${rejected} requests`);
  if (miscounted > 0) log(`B6-SMS: ${miscounted} records have a segment count other than the service's`);

  return {
    id: 'B6-SMS',
    title: `SMS workers sending ${records.length} notifications at ${limit} segments/s`,
    goal: `no second above ${limit} segments, >= ${MIN_UTILISATION * 100} % of the limit used`,
    result:
      `max ${maxSegments} segments in a second, ${utilisationText} used over ${fullCounts.length} full seconds (${spread} per second); ` +
      `CPU µs per message: process ${micros(timing.cpu.process)} / Redis ${micros(timing.cpu.redis)} / store ${micros(timing.cpu.store)}`,
    met,
    notes: [
      `The service's DeliveryProcessor workers (8 SMS jobs at once) send ${records.length} queued SMS of five kinds, 1 to 3 UCS-2 segments each, from a sender number unique to the run.`,
      `The sandbox's messages.jsonl records of that sender are summed per calendar second of createdAt, the sandbox's clock.`,
      'Utilisation is the segments of the full seconds over the limit times their number; the first and the last second are partial and left out.',
      `Each record's segment count must equal the service's own count, and the sandbox must reject none.`,
      `${shifted.length} of ${windows.granted.size} limiter windows, read from Redis during the run, differ from the sandbox's count of the same second.`,
      'CPU covers the sending stage and whole server processes, so other clients of the shared Redis and FerretDB count too. Kafka takes no part in the stage.',
    ],
  };
}
