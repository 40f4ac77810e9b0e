import { localDate, nextDigestRun } from './digest-schedule';

const moscow = (localIso: string): Date => new Date(`${localIso}+03:00`);

describe('nextDigestRun', () => {
  const run = (now: Date, timeZone = 'Europe/Moscow', localTime = '18:00'): string =>
    nextDigestRun({ now, timeZone, localTime }).toISOString();

  it('runs today before the local time', () => {
    expect(run(moscow('2026-12-03T17:59:59.999'))).toBe(moscow('2026-12-03T18:00:00').toISOString());
  });

  it('runs tomorrow at exactly the local time', () => {
    expect(run(moscow('2026-12-03T18:00:00'))).toBe(moscow('2026-12-04T18:00:00').toISOString());
  });

  it('runs tomorrow after the local time', () => {
    expect(run(moscow('2026-12-03T18:00:00.001'))).toBe(moscow('2026-12-04T18:00:00').toISOString());
  });

  it('runs today just after midnight', () => {
    expect(run(moscow('2026-12-04T00:10:00'))).toBe(moscow('2026-12-04T18:00:00').toISOString());
  });

  it('crosses a year end', () => {
    expect(run(moscow('2026-12-31T19:00:00'))).toBe(moscow('2027-01-01T18:00:00').toISOString());
  });

  it('uses the local date of Vladivostok', () => {
    // 08:30 UTC is 18:30 in Vladivostok, past today's run.
    expect(run(new Date('2026-12-03T08:30:00Z'), 'Asia/Vladivostok')).toBe('2026-12-04T08:00:00.000Z');
  });

  it('uses the local date of Yekaterinburg', () => {
    // 20:00 UTC on 3 December is 01:00 on 4 December in Yekaterinburg.
    expect(run(new Date('2026-12-03T20:00:00Z'), 'Asia/Yekaterinburg')).toBe('2026-12-04T13:00:00.000Z');
  });

  it('keeps local time across spring forward', () => {
    // The next run is 23 hours later, at 18:00 CEST.
    expect(run(new Date('2026-03-28T19:00:00+01:00'), 'Europe/Berlin')).toBe('2026-03-29T16:00:00.000Z');
  });

  it('keeps local time across fall back', () => {
    expect(run(new Date('2026-10-24T19:00:00+02:00'), 'Europe/Berlin')).toBe('2026-10-25T17:00:00.000Z');
  });

  it.each(['6 pm', '18.00', '24:00'])('rejects localTime %p', (localTime) => {
    expect(() => run(moscow('2026-12-03T12:00:00'), 'Europe/Moscow', localTime)).toThrow(
      `Invalid localTime ${JSON.stringify(localTime)}`,
    );
  });
});

describe('localDate', () => {
  it.each([
    ['2026-12-03T20:59:59Z', 'Europe/Moscow', '2026-12-03'],
    ['2026-12-03T21:00:00Z', 'Europe/Moscow', '2026-12-04'],
    ['2026-12-03T21:00:00Z', 'UTC', '2026-12-03'],
    ['2026-12-03T14:00:00Z', 'Asia/Vladivostok', '2026-12-04'],
    ['2026-12-03T18:59:59Z', 'Asia/Yekaterinburg', '2026-12-03'],
    ['2026-03-28T23:30:00Z', 'Europe/Berlin', '2026-03-29'],
    ['2026-10-24T22:30:00Z', 'Europe/Berlin', '2026-10-25'],
  ])('gives the date of %s in %s', (instant, timeZone, expected) => {
    expect(localDate(new Date(instant), timeZone)).toBe(expected);
  });

  it('pads year, month and day', () => {
    expect(localDate(new Date('0987-01-05T12:00:00Z'), 'UTC')).toBe('0987-01-05');
  });

  it('rejects an invalid date', () => {
    expect(() => localDate(new Date('x'), 'UTC')).toThrow('Invalid at');
  });
});
