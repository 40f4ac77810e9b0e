import {
  addCalendarDays,
  assertValidDate,
  atLocalTime,
  MS_PER_MINUTE,
  minutesOfDay,
  msOfDay,
  parseLocalTime,
  toWallClock,
} from './zoned-time';

/**
 * Time that must remain before a deadline when an SMS waits for the end of quiet hours.
 * A later end of quiet hours sends the SMS at once instead.
 */
export const QUIET_HOURS_DEADLINE_MARGIN_MS = 60 * MS_PER_MINUTE;

/** Input of smsSendTime: quietStart and quietEnd are local 'HH:MM' clock times in timeZone. */
export interface SmsSendTimeInput {
  now: Date;
  timeZone: string;
  quietStart: string;
  quietEnd: string;
  deadline?: Date | null;
}

/**
 * Computes when an SMS may be sent: `now` outside quiet hours, otherwise the local end of the
 * quiet period. Quiet hours run from quietStart inclusive to quietEnd exclusive and may cross
 * midnight. Equal start and end mean no quiet hours. When the end of the quiet period is later
 * than `deadline` minus QUIET_HOURS_DEADLINE_MARGIN_MS, the SMS goes at `now`, so quiet hours
 * never cause a missed deadline.
 */
export function smsSendTime(input: SmsSendTimeInput): Date {
  const start = minutesOfDay(parseLocalTime(input.quietStart, 'quietStart')) * MS_PER_MINUTE;
  const endTime = parseLocalTime(input.quietEnd, 'quietEnd');
  const end = minutesOfDay(endTime) * MS_PER_MINUTE;
  assertValidDate(input.now, 'now');
  if (input.deadline !== undefined && input.deadline !== null) {
    assertValidDate(input.deadline, 'deadline');
  }

  const wall = toWallClock(input.now, input.timeZone);
  const timeOfDay = msOfDay(wall);
  const crossesMidnight = start > end;
  const inQuietHours = crossesMidnight
    ? timeOfDay >= start || timeOfDay < end
    : timeOfDay >= start && timeOfDay < end;
  if (!inQuietHours) {
    return input.now;
  }

  // After the start of a window that crosses midnight, the window ends on the next local date.
  const endDate = crossesMidnight && timeOfDay >= start ? addCalendarDays(wall, 1) : wall;
  const quietPeriodEnd = atLocalTime(endDate, endTime, input.timeZone);

  const deadline = input.deadline ?? null;
  if (deadline !== null && quietPeriodEnd.getTime() > deadline.getTime() - QUIET_HOURS_DEADLINE_MARGIN_MS) {
    return input.now;
  }
  return quietPeriodEnd;
}
