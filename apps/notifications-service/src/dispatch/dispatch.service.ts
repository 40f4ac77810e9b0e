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
import { NotificationRepository, type NewNotification } from './notification.repository';
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

/** The news for deliverToGuardian besides the guardian: its kind, key, template data and deadline. */
export interface DeliveryInput {
  kind: NotificationKind;
  dedupeKey: string;
  studentIds: string[];
  templateData: Record<string, unknown>;
  deadlineItemId: string | null;
  deadlineAt: Date | null;
}

function finalGradeNews(event: FinalGradeChanged): UrgentNews {
  const { outcome } = event;
  const shared = { subject: event.subject, period: event.period };
  const common = { studentId: event.studentId, schoolId: event.schoolId, subject: event.subject, resultsObtainedAt: new Date(event.resultsObtainedAt) };
  if (outcome.status === 'deferred') {
    return {
      ...common,
      kind: 'deferral',
      dedupeKey: contentKey('deferral', event.finalGradeId, { ...shared, deferredUntil: outcome.deferredUntil }),
      data: { ...shared, deferredUntil: outcome.deferredUntil },
    };
  }
  return {
    ...common,
    kind: 'final-grade',
    dedupeKey: contentKey('final-grade', event.finalGradeId, { ...shared, value: outcome.value }),
    data: { ...shared, value: outcome.value },
  };
}

function examResultNews(event: ExamResultRecorded): UrgentNews {
  const content = {
    examKind: event.examKind,
    subject: event.subject,
    ...(event.score !== undefined && { score: event.score }),
    ...(event.mark !== undefined && { mark: event.mark }),
  };
  return {
    kind: 'exam-result',
    dedupeKey: contentKey('exam-result', event.examResultId, content),
    studentId: event.studentId,
    schoolId: event.schoolId,
    subject: event.subject,
    resultsObtainedAt: new Date(event.resultsObtainedAt),
    data: { ...content, resultsObtainedAt: event.resultsObtainedAt },
  };
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
    await this.onFinalGrades([event]);
  }

  /** Final grades and deferrals of a Kafka batch, dispatched with one lookup and one insert per collection. */
  async onFinalGrades(events: FinalGradeChanged[]): Promise<void> {
    await this.dispatchUrgent(events.map(finalGradeNews));
  }

  async onExamResult(event: ExamResultRecorded): Promise<void> {
    await this.onExamResults([event]);
  }

  async onExamResults(events: ExamResultRecorded[]): Promise<void> {
    await this.dispatchUrgent(events.map(examResultNews));
  }

  /** Routine marks, corrections and deletions wait for the daily digest of each guardian. */
  async onMark(event: MarkChanged): Promise<void> {
    await this.onMarks([event]);
  }

  /**
   * Stores the digest items of many mark events with one guardian lookup and one insert,
   * as the marks consumer hands over a Kafka batch. Returns how many items were new.
   */
  async onMarks(events: MarkChanged[]): Promise<number> {
    const guardiansByStudent = await this.guardiansOfStudents(events.map((event) => event.studentId));
    const items = events.flatMap((event) => {
      const content = {
        subject: event.subject,
        value: event.value ?? null,
        assignmentType: event.assignmentType,
        lessonDate: event.lessonDate,
        overdue: event.overdue,
        action: event.action,
      };
      const itemKey = contentKey('mark', event.markId, content);
      const dataJson = JSON.stringify(content);
      return (guardiansByStudent.get(event.studentId) ?? []).map((guardian) => ({
        guardianId: guardian.guardianId,
        itemKey,
        kind: 'mark' as const,
        studentId: event.studentId,
        dataJson,
      }));
    });
    return this.digestItems.addMany(items);
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
  async deliverToGuardian(guardian: Guardian, input: DeliveryInput): Promise<Notification[]> {
    return (await this.deliverMany([{ guardian, input }]))[0] ?? [];
  }

  /**
   * deliverToGuardian for many guardians at once: one insert of all their notifications and
   * one addBulk per queue. Returns, per request, the notifications that were not skipped.
   */
  async deliverMany(requests: { guardian: Guardian; input: DeliveryInput }[]): Promise<Notification[][]> {
    const planned: { request: number; notification: NewNotification; deadlineAt: Date | null }[] = [];
    requests.forEach(({ guardian, input }, request) => {
      const decision = decideChannels(guardian);
      const common = {
        dedupeKey: input.dedupeKey,
        guardianId: guardian.guardianId,
        schoolId: guardian.schoolId ?? 'unknown',
        studentIds: input.studentIds,
        kind: input.kind,
        templateData: input.templateData,
        deadlineItemId: input.deadlineItemId,
      };
      const plan = (notification: NewNotification) => planned.push({ request, notification, deadlineAt: input.deadlineAt });
      for (const { channel, reason } of decision.skipped) {
        plan({ ...common, channel, recipient: null, status: 'skipped', statusReason: reason });
      }
      for (const channel of decision.deliver) {
        if (channel === 'paper') plan({ ...common, channel, recipient: null, status: 'awaiting-print' });
        else plan({ ...common, channel, recipient: channel === 'email' ? guardian.email : guardian.phone, status: 'queued' });
      }
      if (decision.deliver.length === 0) {
        this.logger.warn({ guardianId: guardian.guardianId, dedupeKey: input.dedupeKey }, 'no channel left for guardian');
      }
    });

    const stored = await this.notifications.createMany(planned.map((entry) => entry.notification));
    const jobs = { email: new Map<string, number>(), sms: new Map<string, number>() };
    const delivered: Notification[][] = requests.map(() => []);
    stored.forEach((notification, index) => {
      const entry = planned[index];
      if (!entry || entry.notification.status === 'skipped') return;
      delivered[entry.request]?.push(notification);
      // An existing notification past "queued" already has its job, or needs none any more.
      if (notification.status !== 'queued' || (notification.channel !== 'email' && notification.channel !== 'sms')) return;
      const delayMs = notification.channel === 'sms' ? this.smsDelayMs(notification.schoolId, entry.deadlineAt) : 0;
      jobs[notification.channel].set(notification.notificationId, delayMs);
    });
    for (const channel of ['email', 'sms'] as const) {
      await this.queues.enqueueMany(channel, [...jobs[channel]].map(([notificationId, delayMs]) => ({ notificationId, delayMs })));
    }
    return delivered;
  }

  /** Stores the deadline items of every guardian of every piece of news, then delivers it. */
  private async dispatchUrgent(newsList: UrgentNews[]): Promise<void> {
    const guardiansByStudent = await this.guardiansOfStudents(newsList.map((news) => news.studentId));
    const deadlineItems: Parameters<DeadlineRepository['createMany']>[0] = [];
    const requests: { guardian: Guardian; input: DeliveryInput }[] = [];

    for (const news of newsList) {
      const school = this.schools.get(news.schoolId);
      const deadlineAt = publicationDeadline(news.resultsObtainedAt, { days: this.config.deadline.days, timeZone: school.timeZone });
      const arrivedLate = deadlineAt.getTime() < Date.now();
      const guardians = guardiansByStudent.get(news.studentId) ?? [];
      if (guardians.length === 0) {
        this.logger.warn({ studentId: news.studentId, dedupeKey: news.dedupeKey }, 'no guardian known for student');
      }

      for (const guardian of guardians) {
        const student = guardian.students.find((candidate) => candidate.studentId === news.studentId);
        const deadlineItemId = `${news.dedupeKey}:${guardian.guardianId}`;
        deadlineItems.push({
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
        requests.push({
          guardian,
          input: {
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
          },
        });
      }
    }
    // Deadline items go first, so the deadline board shows an item before its notification exists.
    await this.deadlines.createMany(deadlineItems);
    await this.deliverMany(requests);
  }

  /** Guardians of each of the students, with one lookup for all of them. */
  private async guardiansOfStudents(studentIds: string[]): Promise<Map<string, Guardian[]>> {
    const byStudent = new Map<string, Guardian[]>();
    for (const guardian of await this.guardians.findByStudents([...new Set(studentIds)])) {
      for (const { studentId } of guardian.students) byStudent.set(studentId, [...(byStudent.get(studentId) ?? []), guardian]);
    }
    return byStudent;
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
