/** Calendar date and clock time as a wall clock in some time zone shows them. Month runs from 1 to 12. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Returns a cached formatter for `timeZone`. Intl throws a RangeError naming an unknown zone. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // h23 numbers hours 0–23, so midnight is hour 0 and never 24.
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws a RangeError naming `name` when `instant` is an Invalid Date. */
export function assertValidDate(instant: Date, name: string): void {
  if (Number.isNaN(instant.getTime())) {
    throw new RangeError(`Invalid ${name}: the Date is not a valid time`);
  }
}

/** Converts an instant into the wall clock of `timeZone`. */
export function toWallClock(instant: Date, timeZone: string): WallClock {
  assertValidDate(instant, 'instant');
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    parts[part.type] = part.value;
  }

  // NOTE: Intl prints years before 1 CE as positive years of the BC era, which this ignores.
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: instant.getUTCMilliseconds(),
  };
}

/** Milliseconds since the epoch of `wall` read as if it were UTC. */
function wallClockAsUtc(wall: WallClock): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, wall.millisecond);
  return date.getTime();
}

/** Offset of `timeZone` from UTC at `epochMs`, in milliseconds (Moscow: +3 h). */
function offsetAt(epochMs: number, timeZone: string): number {
  return wallClockAsUtc(toWallClock(new Date(epochMs), timeZone)) - epochMs;
}

/**
 * Converts a wall clock in `timeZone` into an instant. A time that occurs twice, when clocks
 * go back, gives the earlier instant. A time that a DST gap skips is moved forward by the length
 * of the gap (02:30 on a spring-forward night with a one-hour gap gives 03:30), as Temporal's
 * 'compatible' disambiguation does.
 */
export function fromWallClock(wall: WallClock, timeZone: string): Date {
  const asUtc = wallClockAsUtc(wall);

  // A day either side spans any single transition, so both offsets in effect around the wall
  // time are found. NOTE: a zone with two transitions within 48 hours would need more probes.
  const offsetBefore = offsetAt(asUtc - MS_PER_DAY, timeZone);
  const offsetAfter = offsetAt(asUtc + MS_PER_DAY, timeZone);
  const candidates = [...new Set([asUtc - offsetBefore, asUtc - offsetAfter])].sort((a, b) => a - b);

  const matching = candidates.filter((epochMs) => wallClockAsUtc(toWallClock(new Date(epochMs), timeZone)) === asUtc);
  const earliest = matching[0];
  if (earliest !== undefined) {
    return new Date(earliest);
  }

  // Gap: the offset before the transition places the skipped time after it.
  return new Date(asUtc - offsetBefore);
}

/** Returns the calendar date `days` days after year-month-day, crossing months and years. */
export function addCalendarDays(
  date: Pick<WallClock, 'year' | 'month' | 'day'>,
  days: number,
): Pick<WallClock, 'year' | 'month' | 'day'> {
  const shifted = new Date(0);
  shifted.setUTCFullYear(date.year, date.month - 1, date.day + days);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** Local clock time of day parsed from 'HH:MM'. */
export interface LocalTimeOfDay {
  hour: number;
  minute: number;
}

/** Parses 'HH:MM' (00:00–23:59, two digits each). Throws a RangeError naming `name` and the value. */
export function parseLocalTime(value: string, name: string): LocalTimeOfDay {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (match === null) {
    throw new RangeError(`Invalid ${name} ${JSON.stringify(value)}: expected HH:MM from 00:00 to 23:59`);
  }
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** Minutes since local midnight of a time of day. */
export function minutesOfDay(time: LocalTimeOfDay): number {
  return time.hour * 60 + time.minute;
}

/** Milliseconds since local midnight shown by a wall clock. */
export function msOfDay(wall: WallClock): number {
  return ((wall.hour * 60 + wall.minute) * 60 + wall.second) * 1000 + wall.millisecond;
}

/** Returns the instant at which `timeZone` shows `time` on the given local date. */
export function atLocalTime(
  date: Pick<WallClock, 'year' | 'month' | 'day'>,
  time: LocalTimeOfDay,
  timeZone: string,
): Date {
  return fromWallClock({ ...date, hour: time.hour, minute: time.minute, second: 0, millisecond: 0 }, timeZone);
}
