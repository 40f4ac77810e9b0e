import { addCalendarDays, fromWallClock, parseLocalTime, toWallClock, type WallClock } from './zoned-time';

const wallClock = (text: string): WallClock => {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (match === null) throw new Error(`Bad wall clock literal in test: ${text}`);
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as number[];
  return { year, month, day, hour, minute, second, millisecond: 0 } as WallClock;
};

describe('toWallClock', () => {
  it.each([
    ['Europe/Moscow', '2026-12-03T20:30:00Z', '2026-12-03 23:30:00'],
    ['Asia/Yekaterinburg', '2026-12-03T20:30:00Z', '2026-12-04 01:30:00'],
    ['Asia/Vladivostok', '2026-12-03T20:30:00Z', '2026-12-04 06:30:00'],
    ['Europe/Moscow', '2026-12-31T21:00:00Z', '2027-01-01 00:00:00'],
    ['Europe/Berlin', '2026-03-29T00:59:59Z', '2026-03-29 01:59:59'],
    ['Europe/Berlin', '2026-03-29T01:00:00Z', '2026-03-29 03:00:00'],
    ['Europe/Berlin', '2026-10-25T00:30:00Z', '2026-10-25 02:30:00'],
    ['Europe/Berlin', '2026-10-25T01:30:00Z', '2026-10-25 02:30:00'],
  ])('shows %s local time of %s', (timeZone, instant, expected) => {
    expect(toWallClock(new Date(instant), timeZone)).toEqual(wallClock(expected));
  });

  it('keeps milliseconds', () => {
    expect(toWallClock(new Date('2026-12-03T20:30:00.250Z'), 'Europe/Moscow').millisecond).toBe(250);
  });

  it('rejects an unknown time zone', () => {
    expect(() => toWallClock(new Date('2026-12-03T20:30:00Z'), 'Europe/Atlantis')).toThrow(RangeError);
  });

  it('rejects an invalid date', () => {
    expect(() => toWallClock(new Date('not a date'), 'Europe/Moscow')).toThrow('Invalid instant');
  });
});

describe('fromWallClock', () => {
  it.each([
    ['Europe/Moscow', '2026-12-03 23:30:00', '2026-12-03T20:30:00.000Z'],
    ['Asia/Yekaterinburg', '2026-12-04 01:30:00', '2026-12-03T20:30:00.000Z'],
    ['Asia/Vladivostok', '2026-12-04 06:30:00', '2026-12-03T20:30:00.000Z'],
    ['Europe/Berlin', '2026-03-29 01:59:59', '2026-03-29T00:59:59.000Z'],
    ['Europe/Berlin', '2026-03-29 03:00:00', '2026-03-29T01:00:00.000Z'],
    ['Europe/Berlin', '2026-07-01 12:00:00', '2026-07-01T10:00:00.000Z'],
  ])('converts %s %s to an instant', (timeZone, wall, expected) => {
    expect(fromWallClock(wallClock(wall), timeZone).toISOString()).toBe(expected);
  });

  it('moves a time in a DST gap forward', () => {
    // Berlin skips 02:00–03:00 on 2026-03-29, so 02:30 becomes 03:30 CEST.
    expect(fromWallClock(wallClock('2026-03-29 02:30:00'), 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('takes the earlier of a repeated time', () => {
    // Berlin shows 02:30 twice on 2026-10-25: first in CEST (00:30Z), then in CET (01:30Z).
    expect(fromWallClock(wallClock('2026-10-25 02:30:00'), 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('round-trips every hour across DST changes', () => {
    const start = Date.parse('2026-03-28T00:00:00Z');
    for (let hour = 0; hour < 24 * 240; hour += 1) {
      const instant = new Date(start + hour * 3_600_000);
      const wall = toWallClock(instant, 'Europe/Berlin');
      const back = fromWallClock(wall, 'Europe/Berlin');

      // Repeated times map back to their first occurrence, which shows the same wall clock.
      expect(toWallClock(back, 'Europe/Berlin')).toEqual(wall);
    }
  });
});

describe('addCalendarDays', () => {
  it.each([
    [{ year: 2026, month: 12, day: 30 }, 3, { year: 2027, month: 1, day: 2 }],
    [{ year: 2028, month: 2, day: 28 }, 1, { year: 2028, month: 2, day: 29 }],
    [{ year: 2027, month: 2, day: 28 }, 1, { year: 2027, month: 3, day: 1 }],
    [{ year: 2026, month: 3, day: 1 }, -1, { year: 2026, month: 2, day: 28 }],
  ])('adds to %p %i days', (date, days, expected) => {
    expect(addCalendarDays(date, days)).toEqual(expected);
  });
});

describe('parseLocalTime', () => {
  it.each([
    ['00:00', { hour: 0, minute: 0 }],
    ['08:00', { hour: 8, minute: 0 }],
    ['23:59', { hour: 23, minute: 59 }],
  ])('parses %s', (value, expected) => {
    expect(parseLocalTime(value, 'quietEnd')).toEqual(expected);
  });

  it.each(['24:00', '8:00', '08:60', '08:00:00', '', ' 08:00', '08-00'])('rejects %p', (value) => {
    expect(() => parseLocalTime(value, 'quietEnd')).toThrow(RangeError);
    expect(() => parseLocalTime(value, 'quietEnd')).toThrow(`Invalid quietEnd ${JSON.stringify(value)}`);
  });
});
