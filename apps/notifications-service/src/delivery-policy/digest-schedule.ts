import { addCalendarDays, assertValidDate, atLocalTime, parseLocalTime, toWallClock } from './zoned-time';

/** Input of nextDigestRun: localTime is the 'HH:MM' clock time in timeZone when digests go out. */
export interface NextDigestRunInput {
  now: Date;
  timeZone: string;
  localTime: string;
}

/**
 * Computes the next digest run: today's `localTime` in `timeZone` when it is still after `now`,
 * otherwise tomorrow's. At exactly `localTime` the next run is tomorrow's.
 */
export function nextDigestRun(input: NextDigestRunInput): Date {
  const time = parseLocalTime(input.localTime, 'localTime');
  assertValidDate(input.now, 'now');

  const today = toWallClock(input.now, input.timeZone);
  const todaysRun = atLocalTime(today, time, input.timeZone);
  if (todaysRun.getTime() > input.now.getTime()) {
    return todaysRun;
  }
  return atLocalTime(addCalendarDays(today, 1), time, input.timeZone);
}

/** Formats the local calendar date of `at` in `timeZone` as 'YYYY-MM-DD'. */
export function localDate(at: Date, timeZone: string): string {
  assertValidDate(at, 'at');
  const wall = toWallClock(at, timeZone);
  const pad = (value: number, width: number): string => String(value).padStart(width, '0');
  return `${pad(wall.year, 4)}-${pad(wall.month, 2)}-${pad(wall.day, 2)}`;
}
