import { deadlineState, publicationDeadline, type DeadlineStateInput } from './deadline';

describe('publicationDeadline', () => {
  it('defaults to three calendar days', () => {
    const deadline = publicationDeadline(new Date('2026-12-03T10:15:00+03:00'), { timeZone: 'Europe/Moscow' });

    expect(deadline.toISOString()).toBe(new Date('2026-12-06T10:15:00+03:00').toISOString());
  });

  it('keeps the local clock time of 23:30', () => {
    // 23:30 in Moscow is 20:30 UTC, and the deadline is 23:30 Moscow time three days later.
    const deadline = publicationDeadline(new Date('2026-12-03T23:30:00+03:00'), { days: 3, timeZone: 'Europe/Moscow' });

    expect(deadline.toISOString()).toBe('2026-12-06T20:30:00.000Z');
  });

  it('counts days in the school time zone', () => {
    // 01:00 on 4 December in Vladivostok is still 3 December in UTC.
    const deadline = publicationDeadline(new Date('2026-12-04T01:00:00+10:00'), { days: 3, timeZone: 'Asia/Vladivostok' });

    expect(deadline.toISOString()).toBe(new Date('2026-12-07T01:00:00+10:00').toISOString());
  });

  it('crosses a month and year end', () => {
    const deadline = publicationDeadline(new Date('2026-12-30T16:00:00+05:00'), { days: 3, timeZone: 'Asia/Yekaterinburg' });

    expect(deadline.toISOString()).toBe(new Date('2027-01-02T16:00:00+05:00').toISOString());
  });

  it('takes a custom number of days', () => {
    const deadline = publicationDeadline(new Date('2026-12-03T10:00:00+03:00'), { days: 5, timeZone: 'Europe/Moscow' });

    expect(deadline.toISOString()).toBe(new Date('2026-12-08T10:00:00+03:00').toISOString());
  });

  it('keeps the clock time across spring forward', () => {
    const deadline = publicationDeadline(new Date('2026-03-27T12:00:00+01:00'), { days: 3, timeZone: 'Europe/Berlin' });

    // 71 hours later, because the clocks skip one hour on 29 March.
    expect(deadline.toISOString()).toBe('2026-03-30T10:00:00.000Z');
  });

  it('keeps the clock time across fall back', () => {
    const deadline = publicationDeadline(new Date('2026-10-23T12:00:00+02:00'), { days: 3, timeZone: 'Europe/Berlin' });

    // 73 hours later, because the clocks repeat one hour on 25 October.
    expect(deadline.toISOString()).toBe('2026-10-26T11:00:00.000Z');
  });

  it('moves a deadline in a DST gap forward', () => {
    const deadline = publicationDeadline(new Date('2026-03-26T02:30:00+01:00'), { days: 3, timeZone: 'Europe/Berlin' });

    expect(deadline.toISOString()).toBe(new Date('2026-03-29T03:30:00+02:00').toISOString());
  });

  it('keeps seconds and milliseconds', () => {
    const deadline = publicationDeadline(new Date('2026-12-03T10:15:42.125+03:00'), { timeZone: 'Europe/Moscow' });

    expect(deadline.toISOString()).toBe(new Date('2026-12-06T10:15:42.125+03:00').toISOString());
  });

  it.each([0, -1, 2.5, Number.NaN])('rejects days %p', (days) => {
    const obtained = new Date('2026-12-03T10:00:00+03:00');

    expect(() => publicationDeadline(obtained, { days, timeZone: 'Europe/Moscow' })).toThrow(`Invalid days ${days}`);
  });

  it('rejects an invalid date', () => {
    expect(() => publicationDeadline(new Date('x'), { timeZone: 'Europe/Moscow' })).toThrow('Invalid resultsObtainedAt');
  });

  it('rejects an unknown time zone', () => {
    expect(() => publicationDeadline(new Date('2026-12-03T10:00:00Z'), { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});

describe('deadlineState', () => {
  const deadline = new Date('2026-12-06T20:30:00Z');
  const state = (overrides: Partial<DeadlineStateInput>): string =>
    deadlineState({ deadline, now: new Date('2026-12-04T12:00:00Z'), atRiskHours: 12, ...overrides });

  it('is met when delivered before the deadline', () => {
    expect(state({ deliveredAt: new Date('2026-12-05T09:00:00Z') })).toBe('met');
  });

  it('is met when delivered exactly at the deadline', () => {
    expect(state({ deliveredAt: deadline })).toBe('met');
  });

  it('is met however late now is', () => {
    expect(state({ deliveredAt: new Date('2026-12-05T09:00:00Z'), now: new Date('2027-01-01T00:00:00Z') })).toBe('met');
  });

  it('is breached when delivered after the deadline', () => {
    expect(state({ deliveredAt: new Date('2026-12-06T20:30:00.001Z') })).toBe('breached');
  });

  it('is breached when undelivered past the deadline', () => {
    expect(state({ now: new Date('2026-12-06T20:30:00.001Z') })).toBe('breached');
  });

  it('is at risk exactly at the deadline', () => {
    expect(state({ now: deadline })).toBe('at-risk');
  });

  it('is at risk with less than atRiskHours left', () => {
    expect(state({ now: new Date('2026-12-06T08:30:00.001Z') })).toBe('at-risk');
  });

  it('is on track with exactly atRiskHours left', () => {
    expect(state({ now: new Date('2026-12-06T08:30:00Z') })).toBe('on-track');
  });

  it('is on track with plenty of time', () => {
    expect(state({})).toBe('on-track');
  });

  it('treats null deliveredAt as undelivered', () => {
    expect(state({ deliveredAt: null, now: new Date('2026-12-07T00:00:00Z') })).toBe('breached');
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects atRiskHours %p', (atRiskHours) => {
    expect(() => state({ atRiskHours })).toThrow(`Invalid atRiskHours ${atRiskHours}`);
  });

  it('rejects an invalid now', () => {
    expect(() => state({ now: new Date('x') })).toThrow('Invalid now');
  });

  it('rejects an invalid deliveredAt', () => {
    expect(() => state({ deliveredAt: new Date('x') })).toThrow('Invalid deliveredAt');
  });
});
