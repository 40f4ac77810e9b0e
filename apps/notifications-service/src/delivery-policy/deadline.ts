import { addCalendarDays, assertValidDate, fromWallClock, toWallClock } from './zoned-time';

/** Calendar days a guardian may wait for a final grade or exam result after it is obtained. */
export const DEFAULT_PUBLICATION_DAYS = 3;

/** Options of publicationDeadline: the number of calendar days and the school's IANA time zone. */
export interface PublicationDeadlineOptions {
  days?: number;
  timeZone: string;
}

/** Stage of a notification against its deadline, as reported to operators. */
export type DeadlineState = 'on-track' | 'at-risk' | 'breached' | 'met';

/** Input of deadlineState. deliveredAt is absent or null while the notification is undelivered. */
export interface DeadlineStateInput {
  deadline: Date;
  now: Date;
  atRiskHours: number;
  deliveredAt?: Date | null;
}

const MS_PER_HOUR = 3_600_000;

/**
 * Computes the publication deadline: the same local clock time `days` calendar days after
 * `resultsObtainedAt` in `timeZone`, so a DST change in between shortens or lengthens it by an hour.
 * A clock time that occurs twice gives the earlier instant, and one skipped by a DST gap moves
 * forward by the gap.
 */
export function publicationDeadline(resultsObtainedAt: Date, options: PublicationDeadlineOptions): Date {
  const days = options.days ?? DEFAULT_PUBLICATION_DAYS;
  if (!Number.isInteger(days) || days < 1) {
    throw new RangeError(`Invalid days ${days}: expected a whole number of calendar days, at least 1`);
  }
  assertValidDate(resultsObtainedAt, 'resultsObtainedAt');

  const obtained = toWallClock(resultsObtainedAt, options.timeZone);
  return fromWallClock({ ...obtained, ...addCalendarDays(obtained, days) }, options.timeZone);
}

/**
 * Classifies delivery against `deadline`: 'met' when delivered at or before it, 'breached' when
 * delivered after it or still undelivered after it, 'at-risk' when undelivered with less than
 * `atRiskHours` left, otherwise 'on-track'. Undelivered exactly at the deadline is not yet breached.
 */
export function deadlineState(input: DeadlineStateInput): DeadlineState {
  if (!Number.isFinite(input.atRiskHours) || input.atRiskHours < 0) {
    throw new RangeError(`Invalid atRiskHours ${input.atRiskHours}: expected a finite number of hours, at least 0`);
  }
  assertValidDate(input.deadline, 'deadline');
  assertValidDate(input.now, 'now');
  const deadlineMs = input.deadline.getTime();

  if (input.deliveredAt !== undefined && input.deliveredAt !== null) {
    assertValidDate(input.deliveredAt, 'deliveredAt');
    return input.deliveredAt.getTime() <= deadlineMs ? 'met' : 'breached';
  }

  const remainingMs = deadlineMs - input.now.getTime();
  if (remainingMs < 0) {
    return 'breached';
  }
  return remainingMs < input.atRiskHours * MS_PER_HOUR ? 'at-risk' : 'on-track';
}
