import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { TOPICS, type MarkChanged } from '@ediary/contracts';
import { ApiError, type FieldProblem } from '@ediary/http-api';
import type { PendingEvent } from '@ediary/outbox';
import { ERROR_CODES } from '../http/error-codes';
import type { Page, StudentListQuery } from '../http/list-query.dto';
import { writeBatch, type BatchWriteOperations, type StoredDecision } from '../journal/batch-writer';
import type { RecordContent } from '../journal/journal-record.repository';
import { PendingEventFactory } from '../journal/pending-event.factory';
import type { WriteStatus } from '../journal/write-status';
import type { MarkCorrection, MarkItem } from './marks.dto';
import { MarksOutboxRelay } from './marks-outbox.relay';
import { MarksRepository } from './marks.repository';
import type { Mark, StoredMark } from './mark.schema';

export interface MarkResult {
  markId: string;
  status: WriteStatus;
}

/** A mark as operators see it. */
export type MarkView = Omit<RecordContent<Mark>, 'deleted'> & { revision: number };

type MarkContent = RecordContent<Mark>;

/** Attempts at a correction or deletion that keeps losing to concurrent writers before giving up. */
const MAX_UPDATE_ATTEMPTS = 5;

function toContent(item: MarkItem): MarkContent {
  return {
    markId: item.markId,
    schoolId: item.schoolId,
    classId: item.classId,
    studentId: item.studentId,
    subject: item.subject,
    lessonDate: item.lessonDate,
    assignmentType: item.assignmentType,
    weight: item.weight,
    value: item.value,
    overdue: item.overdue ?? false,
    deleted: false,
  };
}

const CONTENT_FIELDS = [
  'schoolId',
  'classId',
  'studentId',
  'subject',
  'lessonDate',
  'assignmentType',
  'weight',
  'value',
  'overdue',
  'deleted',
] as const satisfies readonly (keyof MarkContent)[];

function sameContent(content: MarkContent, stored: StoredMark): boolean {
  return CONTENT_FIELDS.every((field) => content[field] === stored[field]);
}

/**
 * Records, corrects and deletes marks. Each change is stored together with its MarkChanged
 * event, keyed by studentId so that one student's events keep their order.
 */
@Injectable()
export class MarksService {
  private readonly logger = new Logger(MarksService.name);

  constructor(
    private readonly repository: MarksRepository,
    private readonly events: PendingEventFactory,
    private readonly relay: MarksOutboxRelay,
  ) {}

  /**
   * Records new marks sent by the e-journal. A mark already stored with the same content
   * is reported unchanged. A mark stored with other content, or deleted, rejects the batch
   * with 409, because a correction must come through PUT.
   */
  async record(items: readonly MarkItem[], correlationId: string): Promise<MarkResult[]> {
    return this.write(items, correlationId, (item, stored, index) => {
      if (stored.deleted) {
        return this.conflict(
          index,
          ERROR_CODES.markDeleted,
          `Отметка ${item.markId} удалена; чтобы выставить отметку снова, передайте новый markId`,
        );
      }
      if (sameContent(toContent(item), stored)) return { kind: 'unchanged' };
      return this.conflict(
        index,
        ERROR_CODES.markAlreadyExists,
        `Отметка ${item.markId} уже записана с другими данными; чтобы исправить её, отправьте PUT /v1/marks/${item.markId}`,
      );
    });
  }

  /**
   * Stores marks from an imported diary, whose source is the journal itself. A mark with
   * other content than the stored one is a correction, and a deleted one is recorded again.
   */
  async synchronize(items: readonly MarkItem[], correlationId: string): Promise<MarkResult[]> {
    return this.write(items, correlationId, (item, stored) => {
      if (sameContent(toContent(item), stored)) return { kind: 'unchanged' };
      return { kind: 'update', status: stored.deleted ? 'recorded' : 'corrected' };
    });
  }

  async correct(markId: string, correction: MarkCorrection, correlationId: string): Promise<MarkResult> {
    return this.updateExisting(markId, (stored) => {
      if (stored.deleted) {
        throw new ApiError(HttpStatus.CONFLICT, ERROR_CODES.markDeleted, `Отметка ${markId} удалена, исправить её нельзя`);
      }
      const changes = {
        value: correction.value ?? stored.value,
        weight: correction.weight ?? stored.weight,
        assignmentType: correction.assignmentType ?? stored.assignmentType,
        overdue: correction.overdue ?? stored.overdue,
      };
      const corrected = { ...stored, ...changes };
      if (sameContent(corrected, stored)) return null;
      return { changes, event: this.markEvent(corrected, 'corrected', correlationId), status: 'corrected' };
    });
  }

  /** Deletes a mark. Deleting a deleted mark again changes nothing. */
  async delete(markId: string, correlationId: string): Promise<MarkResult> {
    return this.updateExisting(markId, (stored) => {
      if (stored.deleted) return null;
      return { changes: { deleted: true }, event: this.markEvent(stored, 'deleted', correlationId), status: 'deleted' };
    });
  }

  async listForStudent(query: StudentListQuery): Promise<Page<MarkView>> {
    const page = await this.repository.pageByStudent(query.studentId, query.limit, query.cursor, { deleted: false });
    return {
      items: page.items.map((mark) => ({
        markId: mark.markId,
        schoolId: mark.schoolId,
        classId: mark.classId,
        studentId: mark.studentId,
        subject: mark.subject,
        lessonDate: mark.lessonDate,
        assignmentType: mark.assignmentType,
        weight: mark.weight,
        value: mark.value,
        overdue: mark.overdue,
        revision: mark.revision,
      })),
      nextCursor: page.nextCursor,
    };
  }

  private async write(
    items: readonly MarkItem[],
    correlationId: string,
    decide: (item: MarkItem, stored: StoredMark, index: number) => StoredDecision,
  ): Promise<MarkResult[]> {
    const operations: BatchWriteOperations<MarkItem, StoredMark> = {
      idOf: (item) => item.markId,
      storedIdOf: (stored) => stored.markId,
      findMany: (ids) => this.repository.findMany(ids),
      findOne: (id) => this.repository.findOne(id),
      insert: (item) => this.repository.insert(toContent(item), this.markEvent(toContent(item), 'recorded', correlationId)),
      insertedStatus: () => 'recorded',
      decide,
      update: (item, stored) => {
        const content = toContent(item);
        const action = stored.deleted ? 'recorded' : 'corrected';
        return this.repository.update(item.markId, stored.revision, content, this.markEvent(content, action, correlationId));
      },
      conflictError: (problems) => this.conflictError(problems),
    };
    const outcomes = await writeBatch(items, operations);
    this.afterWrite(outcomes.map(({ id, status }) => ({ markId: id, status })), correlationId);
    return outcomes.map(({ id, status }) => ({ markId: id, status }));
  }

  private async updateExisting(
    markId: string,
    plan: (stored: StoredMark) => { changes: Partial<MarkContent>; event: PendingEvent; status: WriteStatus } | null,
  ): Promise<MarkResult> {
    for (let attempt = 1; attempt <= MAX_UPDATE_ATTEMPTS; attempt += 1) {
      const stored = await this.repository.findOne(markId);
      if (!stored) {
        throw new ApiError(HttpStatus.NOT_FOUND, ERROR_CODES.markNotFound, `Отметка ${markId} не найдена`);
      }
      const planned = plan(stored);
      if (!planned) return { markId, status: 'unchanged' };
      if (await this.repository.update(markId, stored.revision, planned.changes, planned.event)) {
        const result = { markId, status: planned.status };
        this.afterWrite([result], planned.event.correlationId);
        return result;
      }
    }
    throw new ApiError(
      HttpStatus.CONFLICT,
      ERROR_CODES.concurrentModification,
      `Отметку ${markId} одновременно изменяют другие запросы; повторите запрос`,
    );
  }

  private markEvent(mark: MarkContent, action: MarkChanged['action'], correlationId: string) {
    return this.events.create(
      TOPICS.marks,
      {
        schoolId: mark.schoolId,
        classId: mark.classId,
        studentId: mark.studentId,
        markId: mark.markId,
        action,
        subject: mark.subject,
        lessonDate: mark.lessonDate,
        assignmentType: mark.assignmentType,
        weight: mark.weight,
        ...(action !== 'deleted' && { value: mark.value }),
        overdue: mark.overdue,
        changedAt: new Date().toISOString(),
      },
      mark.studentId,
      correlationId,
    );
  }

  private conflict(index: number, code: string, message: string): StoredDecision {
    return { kind: 'conflict', problem: { field: `marks[${index}].markId`, code, message } };
  }

  private conflictError(problems: FieldProblem[]): ApiError {
    const code = problems.some((problem) => problem.code === ERROR_CODES.markAlreadyExists)
      ? ERROR_CODES.markAlreadyExists
      : ERROR_CODES.markDeleted;
    return new ApiError(HttpStatus.CONFLICT, code, 'Часть отметок уже записана с другими данными или удалена; список в details', problems);
  }

  private afterWrite(results: MarkResult[], correlationId: string): void {
    const changed = results.filter((result) => result.status !== 'unchanged').length;
    if (changed > 0) this.relay.nudge();
    this.logger.log({ correlationId, changed, unchanged: results.length - changed }, 'marks written');
  }
}
