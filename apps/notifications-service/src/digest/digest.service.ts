import { Injectable, Logger } from '@nestjs/common';
import { localDate } from '../delivery-policy/digest-schedule';
import { contentKey } from '../dispatch/content-key';
import { DispatchService } from '../dispatch/dispatch.service';
import { SchoolDirectory } from '../dispatch/school-directory';
import { GuardianRepository } from '../read-model/guardian.repository';
import { DigestRepository } from './digest.repository';
import type { DigestItem } from './digest-item.schema';

export interface DigestRunResult {
  guardians: number;
  items: number;
}

/** Builds one daily digest per guardian covering all their children. */
@Injectable()
export class DigestService {
  private readonly logger = new Logger(DigestService.name);

  constructor(
    private readonly items: DigestRepository,
    private readonly guardians: GuardianRepository,
    private readonly dispatch: DispatchService,
    private readonly schools: SchoolDirectory,
  ) {}

  /**
   * Sends the digests of every guardian with items stored up to `at`, optionally only
   * for schools in one time zone. Repeating a run after a crash reuses the same digest.
   */
  async run(at: Date, options: { timeZone?: string } = {}): Promise<DigestRunResult> {
    const result: DigestRunResult = { guardians: 0, items: 0 };
    // One read of all waiting items and one of their guardians, rather than a few queries per guardian.
    const waitingByGuardian = new Map<string, DigestItem[]>();
    for (const item of await this.items.allWaiting(at)) {
      const list = waitingByGuardian.get(item.guardianId) ?? [];
      list.push(item);
      waitingByGuardian.set(item.guardianId, list);
    }
    const guardians = await this.guardians.findByIds([...waitingByGuardian.keys()]);

    for (const guardian of guardians) {
      const school = this.schools.get(guardian.schoolId);
      if (options.timeZone && school.timeZone !== options.timeZone) continue;
      const waiting = waitingByGuardian.get(guardian.guardianId) ?? [];
      if (waiting.length === 0) continue;

      const day = localDate(at, school.timeZone);
      const itemKeys = waiting.map((item) => item.itemKey).sort();
      const dedupeKey = contentKey('daily-digest', day, itemKeys);
      await this.dispatch.deliverToGuardian(guardian, {
        kind: 'daily-digest',
        dedupeKey,
        studentIds: [...new Set(waiting.map((item) => item.studentId))],
        templateData: {
          guardianName: guardian.fullName ?? '',
          schoolName: school.name,
          date: day,
          children: this.groupByChild(waiting, guardian.students),
        },
        deadlineItemId: null,
        deadlineAt: null,
      });
      await this.items.assign(guardian.guardianId, itemKeys, dedupeKey);
      result.guardians += 1;
      result.items += waiting.length;
    }
    this.logger.log({ ...result, at: at.toISOString(), timeZone: options.timeZone ?? 'all' }, 'daily digest run finished');
    return result;
  }

  private groupByChild(items: DigestItem[], students: { studentId: string; fullName: string }[]) {
    return students
      .map((student) => {
        const own = items.filter((item) => item.studentId === student.studentId);
        return {
          studentName: student.fullName,
          marks: own.filter((item) => item.kind === 'mark').map((item) => JSON.parse(item.dataJson) as Record<string, unknown>),
          homework: own.filter((item) => item.kind === 'homework').map((item) => JSON.parse(item.dataJson) as Record<string, unknown>),
        };
      })
      .filter((child) => child.marks.length + child.homework.length > 0);
  }
}
