import { Controller, Get, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiError, Roles } from '@ediary/http-api';
import { z } from 'zod';
import { DeadlineService, type DeadlineState } from './deadlines/deadline.service';
import { DigestService, type DigestRunResult } from './digest/digest.service';
import { NotificationRepository } from './dispatch/notification.repository';
import type { Notification } from './dispatch/notification.schema';
import { GuardianRepository } from './read-model/guardian.repository';

const DEADLINE_STATES = ['on-track', 'at-risk', 'breached', 'met'] as const;

const deadlineQuerySchema = z.object({
  guardianId: z.string().min(1).optional(),
  studentId: z.string().min(1).optional(),
  state: z.enum(DEADLINE_STATES).optional(),
});

/** Delivery log entry as operators see it; contacts stay out of the listing. */
function toLogEntry(notification: Notification) {
  return {
    notificationId: notification.notificationId,
    guardianId: notification.guardianId,
    studentIds: notification.studentIds,
    kind: notification.kind,
    channel: notification.channel,
    status: notification.status,
    statusReason: notification.statusReason,
    attempts: notification.attempts,
    history: notification.history.map((change) => ({ status: change.status, at: change.at, reason: change.reason })),
    deadlineItemId: notification.deadlineItemId,
    createdAt: notification.createdAt,
  };
}

/** Operator API: deadlines, the delivery log, paper extracts and the digest run. */
@Roles('operator')
@Controller('v1')
export class OperatorController {
  constructor(
    private readonly deadlines: DeadlineService,
    private readonly notifications: NotificationRepository,
    private readonly digests: DigestService,
    private readonly guardians: GuardianRepository,
  ) {}

  @Get('deadlines')
  async listDeadlines(@Query() query: Record<string, string>) {
    const parsed = deadlineQuerySchema.safeParse(query);
    if (!parsed.success) {
      throw new ApiError(HttpStatus.BAD_REQUEST, 'INVALID_QUERY', `Допустимые состояния: ${DEADLINE_STATES.join(', ')}`);
    }
    const filter: { guardianId?: string; studentId?: string; state?: DeadlineState } = {};
    if (parsed.data.guardianId) filter.guardianId = parsed.data.guardianId;
    if (parsed.data.studentId) filter.studentId = parsed.data.studentId;
    if (parsed.data.state) filter.state = parsed.data.state;
    return { items: await this.deadlines.list(filter) };
  }

  @Get('notifications')
  async deliveryLog(@Query('guardianId') guardianId?: string) {
    const notifications = guardianId
      ? await this.notifications.findForGuardian(guardianId, 1000)
      : await this.notifications.findAll(5000);
    return { notifications: notifications.map(toLogEntry) };
  }

  /** Returns the read-model view of a guardian: consent, agreed channels and which contacts exist. */
  @Get('guardians/:guardianId')
  async guardian(@Param('guardianId') guardianId: string) {
    const guardian = await this.guardians.findById(guardianId);
    if (!guardian) {
      throw new ApiError(HttpStatus.NOT_FOUND, 'GUARDIAN_NOT_FOUND', `Представитель ${guardianId} неизвестен сервису уведомлений`);
    }
    return {
      guardianId: guardian.guardianId,
      schoolId: guardian.schoolId,
      students: guardian.students.map((student) => ({ studentId: student.studentId, classId: student.classId })),
      channels: guardian.channels,
      hasEmail: Boolean(guardian.email),
      hasPhone: Boolean(guardian.phone),
      phoneUnsubscribed: guardian.phoneUnsubscribed,
      personalDataProcessing: guardian.personalDataProcessing,
      electronicInformation: guardian.electronicInformation,
      contactsRevision: guardian.contactsRevision,
      consentRevision: guardian.consentRevision,
    };
  }

  @Get('paper-extracts')
  async paperExtracts() {
    const waiting = await this.notifications.findByStatus('paper', 'awaiting-print', 5000);
    return { extracts: waiting.map(toLogEntry) };
  }

  /** Runs the daily digest now, for guardians of every school. */
  @Post('digests/run')
  runDigest(): Promise<DigestRunResult> {
    return this.digests.run(new Date());
  }
}
