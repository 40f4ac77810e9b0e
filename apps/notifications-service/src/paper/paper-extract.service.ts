import { Injectable, Logger } from '@nestjs/common';
import { DeadlineRepository } from '../deadlines/deadline.repository';
import { localDate } from '../delivery-policy/digest-schedule';
import { fromWallClock } from '../delivery-policy/zoned-time';
import { NotificationRepository } from '../dispatch/notification.repository';
import type { Notification } from '../dispatch/notification.schema';
import { SchoolDirectory } from '../dispatch/school-directory';
import type { Guardian } from '../read-model/guardian.schema';
import { GuardianRepository } from '../read-model/guardian.repository';
import { buildPaperExtract, type PaperExtract } from './paper-extract';

/** Upper bound of waiting paper notifications one listing reads. */
const WAITING_LIMIT = 5000;

/** Reason recorded in a notification's history when an operator hands its extract over. */
export const HANDED_OVER_REASON_PREFIX = 'handed-over-on-';

/** Class label for news about a student the read model does not list. */
export const UNKNOWN_CLASS = 'без класса';

/** A guardian with extracts waiting to be printed, as the paper page lists them. */
export interface WaitingGuardian {
  guardianId: string;
  guardianName: string;
  studentNames: string[];
  notificationCount: number;
  /** Deadline items that the waiting notifications serve. */
  deadlineItemIds: string[];
}

export interface WaitingClass {
  classId: string;
  guardians: WaitingGuardian[];
}

export class HandOverDateInvalidError extends Error {
  readonly code = 'HAND_OVER_DATE_INVALID';

  constructor(readonly value: string) {
    super(`Invalid hand-over date ${JSON.stringify(value)}: expected a YYYY-MM-DD date no later than today`);
    this.name = 'HandOverDateInvalidError';
  }
}

const isWaitingPaper = (notification: Notification) =>
  notification.channel === 'paper' && notification.status === 'awaiting-print';

/** Paper extracts: what waits to be printed, the printable extracts, and their hand-over. */
@Injectable()
export class PaperExtractService {
  private readonly logger = new Logger(PaperExtractService.name);

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly guardians: GuardianRepository,
    private readonly deadlines: DeadlineRepository,
    private readonly schools: SchoolDirectory,
  ) {}

  /** Waiting extracts grouped by class; a guardian with children in two classes shows under both. */
  async listWaitingByClass(): Promise<WaitingClass[]> {
    const waiting = await this.notifications.findByStatus('paper', 'awaiting-print', WAITING_LIMIT);
    const byGuardian = new Map<string, Notification[]>();
    for (const notification of waiting) {
      byGuardian.set(notification.guardianId, [...(byGuardian.get(notification.guardianId) ?? []), notification]);
    }

    const classes = new Map<string, WaitingGuardian[]>();
    for (const [guardianId, notifications] of byGuardian) {
      const guardian = await this.guardians.findById(guardianId);
      for (const classId of this.classesOf(guardian, notifications)) {
        const inClass = notifications.filter((notification) => this.touchesClass(guardian, notification, classId));
        classes.set(classId, [
          ...(classes.get(classId) ?? []),
          {
            guardianId,
            guardianName: guardian?.fullName ?? guardianId,
            studentNames: (guardian?.students ?? [])
              .filter((student) => student.classId === classId)
              .map((student) => student.fullName),
            notificationCount: inClass.length,
            deadlineItemIds: inClass.flatMap((notification) => (notification.deadlineItemId ? [notification.deadlineItemId] : [])),
          },
        ]);
      }
    }
    return [...classes.entries()]
      .sort(([left], [right]) => left.localeCompare(right, 'ru', { numeric: true }))
      .map(([classId, guardians]) => ({
        classId,
        guardians: guardians.sort((left, right) => left.guardianName.localeCompare(right.guardianName, 'ru')),
      }));
  }

  /** Builds the extract of one guardian; returns null when nothing of theirs waits to be printed. */
  async guardianExtract(guardianId: string, now = new Date()): Promise<PaperExtract | null> {
    const guardian = await this.guardians.findById(guardianId);
    const waiting = (await this.notifications.findForGuardian(guardianId, WAITING_LIMIT)).filter(isWaitingPaper);
    return waiting.length === 0 ? null : this.extractOf(guardianId, guardian, waiting, now);
  }

  /** Extracts of every guardian of the class, each limited to news about children in that class. */
  async classExtracts(classId: string, now = new Date()): Promise<PaperExtract[]> {
    const extracts: PaperExtract[] = [];
    for (const guardian of await this.guardians.findByClass(classId)) {
      const waiting = (await this.notifications.findForGuardian(guardian.guardianId, WAITING_LIMIT))
        .filter(isWaitingPaper)
        .filter((notification) => this.touchesClass(guardian, notification, classId));
      if (waiting.length > 0) extracts.push(this.extractOf(guardian.guardianId, guardian, waiting, now));
    }
    return extracts.sort((left, right) => left.guardianName.localeCompare(right.guardianName, 'ru'));
  }

  /**
   * Marks every waiting extract of the guardian handed over on the given local date and closes
   * their deadline items with via 'paper'. Returns how many notifications changed.
   */
  async handOver(guardianId: string, handedOverOn: string, now = new Date()): Promise<number> {
    const guardian = await this.guardians.findById(guardianId);
    const timeZone = this.schools.get(guardian?.schoolId ?? null).timeZone;
    const deliveredAt = this.handOverInstant(handedOverOn, timeZone, now);

    const waiting = (await this.notifications.findForGuardian(guardianId, WAITING_LIMIT)).filter(isWaitingPaper);
    let changed = 0;
    for (const notification of waiting) {
      const updated = await this.notifications.transition(notification.notificationId, 'handed-over', {
        reason: `${HANDED_OVER_REASON_PREFIX}${handedOverOn}`,
      });
      if (!updated) continue;
      changed += 1;
      if (updated.deadlineItemId) await this.deadlines.markDelivered(updated.deadlineItemId, deliveredAt, 'paper');
    }
    this.logger.log({ guardianId, handedOverOn, changed }, 'paper extracts handed over');
    return changed;
  }

  /**
   * Returns the moment recorded as delivery: now for today, local noon for an earlier date. The form
   * has a date field only, so the hour of an earlier hand-over is unknown.
   */
  private handOverInstant(handedOverOn: string, timeZone: string, now: Date): Date {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(handedOverOn);
    const today = localDate(now, timeZone);
    if (!match || handedOverOn > today) throw new HandOverDateInvalidError(handedOverOn);
    if (handedOverOn === today) return now;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const noon = fromWallClock({ year, month, day, hour: 12, minute: 0, second: 0, millisecond: 0 }, timeZone);
    if (localDate(noon, timeZone) !== handedOverOn) throw new HandOverDateInvalidError(handedOverOn);
    return noon;
  }

  private extractOf(guardianId: string, guardian: Guardian | null, waiting: Notification[], now: Date): PaperExtract {
    const school = this.schools.get(guardian?.schoolId ?? waiting[0]?.schoolId ?? null);
    return buildPaperExtract({
      schoolName: school.name,
      guardianId,
      guardianName: guardian?.fullName ?? null,
      students: guardian?.students ?? [],
      notifications: waiting,
      issuedOn: localDate(now, school.timeZone),
    });
  }

  private classesOf(guardian: Guardian | null, notifications: Notification[]): string[] {
    const classes = new Set<string>();
    for (const notification of notifications) {
      const matched = (guardian?.students ?? []).filter((student) => notification.studentIds.includes(student.studentId));
      if (matched.length === 0) classes.add(UNKNOWN_CLASS);
      for (const student of matched) classes.add(student.classId);
    }
    return [...classes];
  }

  private touchesClass(guardian: Guardian | null, notification: Notification, classId: string): boolean {
    const students = (guardian?.students ?? []).filter((student) => notification.studentIds.includes(student.studentId));
    return students.length === 0 ? classId === UNKNOWN_CLASS : students.some((student) => student.classId === classId);
  }
}
