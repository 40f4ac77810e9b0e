import { testInfra, uniqueName } from '@ediary/testing';
import { SmsRateLimiter } from './sms-rate-limiter';

describe('SmsRateLimiter', () => {
  const limiters: SmsRateLimiter[] = [];
  afterAll(async () => {
    await Promise.all(limiters.map((limiter) => limiter.close()));
  });

  const limiter = (prefix: string, segmentsPerSecond: number) => {
    const created = new SmsRateLimiter(testInfra().redisUrl, prefix, segmentsPerSecond);
    limiters.push(created);
    return created;
  };

  it('keeps every window within the limit across limiters', async () => {
    const prefix = uniqueName('sms-rate');
    // Two limiters play two worker processes sharing one sender.
    const first = limiter(prefix, 10);
    const second = limiter(prefix, 10);
    const segmentsOf = (index: number) => (index % 3) + 1;
    const grants = await Promise.all(
      Array.from({ length: 24 }, async (_, index) => ({
        window: await (index % 2 === 0 ? first : second).acquire('+79990000000', segmentsOf(index)),
        segments: segmentsOf(index),
      })),
    );

    const perWindow = new Map<number, number>();
    for (const grant of grants) perWindow.set(grant.window, (perWindow.get(grant.window) ?? 0) + grant.segments);
    for (const used of perWindow.values()) expect(used).toBeLessThanOrEqual(10);
    expect([...perWindow.values()].reduce((sum, used) => sum + used, 0)).toBe(48);
  });

  it('counts senders separately', async () => {
    const prefix = uniqueName('sms-rate');
    const shared = limiter(prefix, 3);
    const first = await shared.acquire('+79990000001', 3);
    const second = await shared.acquire('+79990000002', 3);
    // The second sender's window is empty, so it is granted at once, in the same or next second.
    expect(second - first).toBeLessThanOrEqual(1);
    const again = await shared.acquire('+79990000001', 1);
    expect(again).toBeGreaterThan(first);
  });

  it('grants nothing in the guard at a window end', async () => {
    // With a 900 ms guard only the first 100 ms of each window are open. The pauses move
    // later requests into the closed part, so they must wait for the next window.
    const guarded = new SmsRateLimiter(testInfra().redisUrl, uniqueName('sms-rate'), 100, 900);
    limiters.push(guarded);
    // Date.now() after the grant is an upper bound of the grant time, because Redis runs on this host's clock here.
    const roundTripSlackMs = 50;
    for (let request = 0; request < 6; request += 1) {
      const window = await guarded.acquire('+79990000000', 1);
      expect(Date.now() - window * 1000).toBeLessThan(100 + roundTripSlackMs);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  });

  it('rejects a guard of a whole window', () => {
    expect(() => new SmsRateLimiter(testInfra().redisUrl, uniqueName('sms-rate'), 10, 1000)).toThrow(RangeError);
  });

  it('lets a message above the limit take a whole window', async () => {
    const prefix = uniqueName('sms-rate');
    const window = await limiter(prefix, 2).acquire('+79990000000', 5);
    expect(window).toBeGreaterThan(0);
  });
});
