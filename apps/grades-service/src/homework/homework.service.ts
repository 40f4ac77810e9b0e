import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { TOPICS } from '@ediary/contracts';
import { ApiError } from '@ediary/http-api';
import { ERROR_CODES } from '../http/error-codes';
import { writeBatch } from '../journal/batch-writer';
import type { RecordContent } from '../journal/journal-record.repository';
import { PendingEventFactory } from '../journal/pending-event.factory';
import type { WriteStatus } from '../journal/write-status';
import type { HomeworkItem } from './homework.dto';
import { HomeworkOutboxRelay } from './homework-outbox.relay';
import { HomeworkRepository } from './homework.repository';
import type { Homework, StoredHomework } from './homework.schema';

export interface HomeworkResult {
  homeworkId: string;
  status: WriteStatus;
}

const CONTENT_FIELDS = ['schoolId', 'classId', 'subject', 'assignedOn', 'dueDate', 'text'] as const satisfies readonly (keyof HomeworkItem)[];

/**
 * Stores homework assignments with their HomeworkAssigned events, keyed by classId because
 * an assignment concerns the whole class. An assignment is stored once; the same id with
 * other content is rejected, because the contract has no event for changed homework.
 */
@Injectable()
export class HomeworkService {
  private readonly logger = new Logger(HomeworkService.name);

  constructor(
    private readonly repository: HomeworkRepository,
    private readonly events: PendingEventFactory,
    private readonly relay: HomeworkOutboxRelay,
  ) {}

  async assign(items: readonly HomeworkItem[], correlationId: string): Promise<HomeworkResult[]> {
    const outcomes = await writeBatch<HomeworkItem, StoredHomework>(items, {
      idOf: (item) => item.homeworkId,
      storedIdOf: (stored) => stored.homeworkId,
      findMany: (ids) => this.repository.findMany(ids),
      findOne: (id) => this.repository.findOne(id),
      insert: (item) => this.repository.insert(toContent(item), this.homeworkEvent(item, correlationId)),
      insertedStatus: () => 'recorded',
      decide: (item, stored, index) =>
        CONTENT_FIELDS.every((field) => item[field] === stored[field])
          ? { kind: 'unchanged' }
          : {
              kind: 'conflict',
              problem: {
                field: `homework[${index}].homeworkId`,
                code: ERROR_CODES.homeworkAlreadyExists,
                message: `Задание ${item.homeworkId} уже записано с другими данными; для нового текста передайте новый homeworkId`,
              },
            },
      update: () => Promise.reject(new Error('homework is never updated')),
      conflictError: (problems) =>
        new ApiError(HttpStatus.CONFLICT, ERROR_CODES.homeworkAlreadyExists, 'Часть заданий уже записана с другими данными; список в details', problems),
    });
    const results = outcomes.map(({ id, status }) => ({ homeworkId: id, status }));
    const changed = results.filter((result) => result.status !== 'unchanged').length;
    if (changed > 0) this.relay.nudge();
    this.logger.log({ correlationId, changed, unchanged: results.length - changed }, 'homework written');
    return results;
  }

  private homeworkEvent(item: HomeworkItem, correlationId: string) {
    return this.events.create(TOPICS.homework, toContent(item), item.classId, correlationId);
  }
}

function toContent(item: HomeworkItem): RecordContent<Homework> {
  return {
    homeworkId: item.homeworkId,
    schoolId: item.schoolId,
    classId: item.classId,
    subject: item.subject,
    assignedOn: item.assignedOn,
    dueDate: item.dueDate,
    text: item.text,
  };
}
