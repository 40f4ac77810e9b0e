import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ExamResultRecorded, FinalGradeChanged, HomeworkAssigned, MarkChanged } from '@ediary/contracts';
import { DeadlineRepository } from '../deadlines/deadline.repository';
import { publicationDeadline } from '../delivery-policy/deadline';
import { smsSendTime } from '../delivery-policy/quiet-hours';
import { DeliveryQueues } from '../delivery/delivery-queues';
import { DigestRepository } from '../digest/digest.repository';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../notifications.config';
import type { Guardian } from '../read-model/guardian.schema';
import { GuardianRepository } from '../read-model/guardian.repository';
import { decideChannels } from './channel-policy';
import { contentKey } from './content-key';
import { NotificationRepository } from './notification.repository';
import type { Notification, NotificationKind } from './notification.schema';
import { SchoolDirectory } from './school-directory';

interface UrgentNews {
  kind: Extract<NotificationKind, 'final-grade' | 'deferral' | 'exam-result'>;
  dedupeKey: string;
  studentId: string;
  schoolId: string;
  subject: string;
  resultsObtainedAt: Date;
  /** Template data without the guardian's and student's names, which come from the read model. */
  data: Record<string, unknown>;
}

/**
 * Turns journal events into notifications. Final grades, deferrals and exam results go
 * out at once with a deadline item; routine marks and homework wait for the daily digest.
 */
@Injectable()
export class DispatchService {
  private readonly logger = new Logger(DispatchService.name);

  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    private readonly guardians: GuardianRepository,
    private readonly notifications: NotificationRepository,
    private readonly deadlines: DeadlineRepository,
    private readonly digestItems: DigestRepository,
    private readonly queues: DeliveryQueues,
    private readonly schools: SchoolDirectory,
  ) {}

  async onFinalGrade(event: FinalGradeChanged): Promise<void> {
    const { outcome } = event;
    const shared = { subject: event.subject, period: event.period };
    if (outcome.status === 'deferred') {
      await this.dispatchUrgent({
        kind: 'deferral',
        dedupeKey: contentKey('deferral', event.finalGradeId, { ...shared, deferredUntil: outcome.deferredUntil }),
        studentId: event.studentId,
        schoolId: event.schoolId,
        subject: event.subject,
        resultsObtainedAt: new Date(event.resultsObtainedAt),
        data: { ...shared, deferredUntil: outcome.deferredUntil },
      });
      return;
    }
    await this.dispatchUrgent({
      kind: 'final-grade',
      dedupeKey: contentKey('final-grade', event.finalGradeId, { ...shared, value: outcome.value }),
      studentId: event.studentId,
      schoolId: event.schoolId,
      subject: event.subject,
      resultsObtainedAt: new Date(event.resultsObtainedAt),
      data: { ...shared, value: outcome.value },
    });
  }

  async onExamResult(event: ExamResultRecorded): Promise<void> {
    const content = {
      examKind: event.examKind,
      subject: event.subject,
      ...(event.score !== undefined && { score: event.score }),
      ...(event.mark !== undefined && { mark: event.mark }),
    };
    await this.dispatchUrgent({
      kind: 'exam-result',
      dedupeKey: contentKey('exam-result', event.examResultId, content),
      studentId: event.studentId,
      schoolId: event.schoolId,
      subject: event.subject,
      resultsObtainedAt: new Date(event.resultsObtainedAt),
      data: { ...content, resultsObtainedAt: event.resultsObtainedAt },
    });
  }

  /** Routine marks, corrections and deletions wait for the daily digest of each guardian. */
  async onMark(event: MarkChanged): Promise<void> {
    const content = {
      subject: event.subject,
      value: event.value ?? null,
      assignmentType: event.assignmentType,
      lessonDate: event.lessonDate,
      overdue: event.overdue,
      action: event.action,
    };
    const itemKey = contentKey('mark', event.markId, content);
    for (const guardian of await this.guardians.findByStudent(event.studentId)) {
      await this.digestItems.addOnce({
        guardianId: guardian.guardianId,
        itemKey,
        kind: 'mark',
        studentId: event.studentId,
        dataJson: JSON.stringify(content),
      });
    }
  }

  /** Homework of a class goes into the digest of every guardian of a student in it. */
  async onHomework(event: HomeworkAssigned): Promise<void> {
    const content = { subject: event.subject, dueDate: event.dueDate, text: event.text };
    const itemKey = contentKey('homework', event.homeworkId, content);
    for (const guardian of await this.guardians.findByClass(event.classId)) {
      for (const student of guardian.students.filter((candidate) => candidate.classId === event.classId)) {
        await this.digestItems.addOnce({
          guardianId: guardian.guardianId,
          itemKey: `${itemKey}:${student.studentId}`,
          kind: 'homework',
          studentId: student.studentId,
          dataJson: JSON.stringify(content),
        });
      }
    }
  }

  /**
   * Creates the notifications of one guardian for one piece of news over every decided
   * channel, records the skipped ones, and queues the electronic ones. Safe to repeat:
   * existing notifications are reused and their jobs re-added under the same job id.
   */
  async deliverToGuardian(
    guardian: Guardian,
    input: {
      kind: NotificationKind;
      dedupeKey: string;
      studentIds: string[];
      templateData: Record<string, unknown>;
      deadlineItemId: string | null;
      deadlineAt: Date | null;
    },
  ): Promise<Notification[]> {
    const schoolId = guardian.schoolId ?? 'unknown';
    const decision = decideChannels(guardian);
    const created: Notification[] = [];
    const common = {
      dedupeKey: input.dedupeKey,
      guardianId: guardian.guardianId,
      schoolId,
      studentIds: input.studentIds,
      kind: input.kind,
      templateData: input.templateData,
      deadlineItemId: input.deadlineItemId,
    };

    for (const { channel, reason } of decision.skipped) {
      await this.notifications.createOnce({ ...common, channel, recipient: null, status: 'skipped', statusReason: reason });
    }
    for (const channel of decision.deliver) {
      if (channel === 'paper') {
        const { notification } = await this.notifications.createOnce({ ...common, channel, recipient: null, status: 'awaiting-print' });
        created.push(notification);
        continue;
      }
      const recipient = channel === 'email' ? guardian.email : guardian.phone;
      const { notification } = await this.notifications.createOnce({ ...common, channel, recipient, status: 'queued' });
      created.push(notification);
      if (notification.status === 'queued') {
        await this.queues.enqueue(channel, notification.notificationId, {
          delayMs: channel === 'sms' ? this.smsDelayMs(schoolId, input.deadlineAt) : 0,
        });
      }
    }
    if (decision.deliver.length === 0) {
      this.logger.warn({ guardianId: guardian.guardianId, dedupeKey: input.dedupeKey }, 'no channel left for guardian');
    }
    return created;
  }

  private async dispatchUrgent(news: UrgentNews): Promise<void> {
    const school = this.schools.get(news.schoolId);
    const deadlineAt = publicationDeadline(news.resultsObtainedAt, { days: this.config.deadline.days, timeZone: school.timeZone });
    const arrivedLate = deadlineAt.getTime() < Date.now();
    const guardians = await this.guardians.findByStudent(news.studentId);
    if (guardians.length === 0) {
      this.logger.warn({ studentId: news.studentId, dedupeKey: news.dedupeKey }, 'no guardian known for student');
    }

    for (const guardian of guardians) {
      const student = guardian.students.find((candidate) => candidate.studentId === news.studentId);
      const deadlineItemId = `${news.dedupeKey}:${guardian.guardianId}`;
      await this.deadlines.createOnce({
        itemId: deadlineItemId,
        kind: news.kind,
        guardianId: guardian.guardianId,
        studentId: news.studentId,
        schoolId: news.schoolId,
        subject: news.subject,
        resultsObtainedAt: news.resultsObtainedAt,
        deadlineAt,
        arrivedLate,
      });
      await this.deliverToGuardian(guardian, {
        kind: news.kind,
        dedupeKey: news.dedupeKey,
        studentIds: [news.studentId],
        templateData: {
          ...news.data,
          guardianName: guardian.fullName ?? '',
          schoolName: school.name,
          studentName: student?.fullName ?? '',
        },
        deadlineItemId,
        deadlineAt,
      });
    }
  }

  private smsDelayMs(schoolId: string, deadline: Date | null): number {
    const now = new Date();
    const sendAt = smsSendTime({
      now,
      timeZone: this.schools.get(schoolId).timeZone,
      quietStart: this.config.quietHours.start,
      quietEnd: this.config.quietHours.end,
      deadline,
    });
    return sendAt.getTime() - now.getTime();
  }
}
