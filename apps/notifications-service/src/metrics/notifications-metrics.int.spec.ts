import { randomBytes } from 'node:crypto';
import { DeliveryQueues } from '../delivery/delivery-queues';
import { startConsoleApp, type ConsoleUnderTest } from '../../test/console/console-app';

const HOUR = 3600_000;

/** Finds one series in the Prometheus text by metric name and labels in any order, and returns its value. */
function seriesValue(body: string, metric: string, labels: Record<string, string>): number | null {
  for (const line of body.split('\n')) {
    const match = /^(\w+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== metric) continue;
    const present = new Map([...(match[2] as string).matchAll(/(\w+)="([^"]*)"/g)].map((pair) => [pair[1], pair[2]]));
    if (Object.entries(labels).every(([name, value]) => present.get(name) === value)) return Number(match[3]);
  }
  return null;
}

describe('notifications-service /metrics', () => {
  let service: ConsoleUnderTest;
  let body: string;
  let status: number;

  beforeAll(async () => {
    service = await startConsoleApp();
    const now = Date.now();
    const item = (suffix: string, deadlineInMs: number) => ({
      itemId: `item-${suffix}-${randomBytes(4).toString('hex')}`,
      kind: 'final-grade' as const,
      guardianId: 'guardian-m',
      studentId: 'student-m',
      schoolId: 'school-1',
      subject: 'Математика',
      resultsObtainedAt: new Date(now - HOUR),
      deadlineAt: new Date(now + deadlineInMs),
      arrivedLate: false,
    });
    await service.deadlines.createOnce(item('risk', 2 * HOUR));
    await service.deadlines.createOnce(item('late', -HOUR));
    await service.deadlines.createOnce(item('ok', 70 * HOUR));

    const failed = await service.seedNotification({
      guardianId: 'guardian-m',
      channel: 'email',
      kind: 'new-mark',
      templateData: {},
      recipient: 'parent@example.test',
    });
    await service.notifications.transition(failed.notificationId, 'failed', { reason: 'smtp-550' });

    const delayed = await service.seedNotification({ guardianId: 'guardian-m', channel: 'sms', kind: 'new-mark', templateData: {} });
    await service.moduleRef.get(DeliveryQueues, { strict: false }).enqueue('sms', delayed.notificationId, { delayMs: 24 * HOUR });

    const response = await fetch(`${service.baseUrl}/metrics`);
    status = response.status;
    body = await response.text();
  });

  afterAll(async () => {
    await service?.close();
  });

  it('answers without an API key', () => {
    expect(status).toBe(200);
  });

  it('includes default process metrics', () => {
    expect(body).toContain('process_resident_memory_bytes');
  });

  it('reports the delayed SMS job', () => {
    expect(seriesValue(body, 'notifications_queue_jobs', { queue: 'sms', state: 'delayed' })).toBe(1);
  });

  it('reports an empty email queue', () => {
    expect(seriesValue(body, 'notifications_queue_jobs', { queue: 'email', state: 'waiting' })).toBe(0);
  });

  it('counts notifications by channel and status', () => {
    expect(seriesValue(body, 'notifications_by_channel_status', { channel: 'email', status: 'failed' })).toBe(1);
  });

  it('reports zero for an unused status', () => {
    expect(seriesValue(body, 'notifications_by_channel_status', { channel: 'paper', status: 'handed-over' })).toBe(0);
  });

  it.each([
    ['at-risk', 1],
    ['breached', 1],
    ['on-track', 1],
    ['met', 0],
  ])('counts deadline items %s', (state, count) => {
    expect(seriesValue(body, 'notifications_deadline_items', { state })).toBe(count);
  });

  it('labels series with the service', () => {
    expect(seriesValue(body, 'notifications_deadline_items', { state: 'at-risk', service: 'notifications-service' })).toBe(1);
  });
});
