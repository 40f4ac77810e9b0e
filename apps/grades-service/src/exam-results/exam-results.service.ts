import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { TOPICS } from '@ediary/contracts';
import { ApiError } from '@ediary/http-api';
import { ERROR_CODES } from '../http/error-codes';
import { writeBatch } from '../journal/batch-writer';
import type { RecordContent } from '../journal/journal-record.repository';
import { PendingEventFactory } from '../journal/pending-event.factory';
import type { WriteStatus } from '../journal/write-status';
import type { ExamResultItem } from './exam-results.dto';
import { ExamResultsOutboxRelay } from './exam-results-outbox.relay';
import { ExamResultsRepository } from './exam-results.repository';
import type { ExamResult, StoredExamResult } from './exam-result.schema';

export interface ExamResultResult {
  examResultId: string;
  status: WriteStatus;
}

const CONTENT_FIELDS = [
  'schoolId',
  'classId',
  'studentId',
  'examKind',
  'subject',
  'score',
  'mark',
  'resultsObtainedAt',
] as const satisfies readonly (keyof ExamResultItem)[];

/**
 * Stores exam results with their ExamResultRecorded events, keyed by studentId. A result is
 * stored once; the same id with other content is rejected.
 */
@Injectable()
export class ExamResultsService {
  private readonly logger = new Logger(ExamResultsService.name);

  constructor(
    private readonly repository: ExamResultsRepository,
    private readonly events: PendingEventFactory,
    private readonly relay: ExamResultsOutboxRelay,
  ) {}

  async record(items: readonly ExamResultItem[], correlationId: string): Promise<ExamResultResult[]> {
    const outcomes = await writeBatch<ExamResultItem, StoredExamResult>(items, {
      idOf: (item) => item.examResultId,
      storedIdOf: (stored) => stored.examResultId,
      findMany: (ids) => this.repository.findMany(ids),
      findOne: (id) => this.repository.findOne(id),
      insert: (item) => this.repository.insert(toContent(item), this.events.create(TOPICS.examResults, toContent(item), item.studentId, correlationId)),
      insertedStatus: () => 'recorded',
      decide: (item, stored, index) =>
        CONTENT_FIELDS.every((field) => item[field] === stored[field])
          ? { kind: 'unchanged' }
          : {
              kind: 'conflict',
              problem: {
                field: `examResults[${index}].examResultId`,
                code: ERROR_CODES.examResultAlreadyExists,
                message: `Результат экзамена ${item.examResultId} уже записан с другими данными`,
              },
            },
      update: () => Promise.reject(new Error('exam results are never updated')),
      conflictError: (problems) =>
        new ApiError(
          HttpStatus.CONFLICT,
          ERROR_CODES.examResultAlreadyExists,
          'Часть результатов экзаменов уже записана с другими данными; список в details',
          problems,
        ),
    });
    const results = outcomes.map(({ id, status }) => ({ examResultId: id, status }));
    const changed = results.filter((result) => result.status !== 'unchanged').length;
    if (changed > 0) this.relay.nudge();
    this.logger.log({ correlationId, changed, unchanged: results.length - changed }, 'exam results written');
    return results;
  }
}

function toContent(item: ExamResultItem): RecordContent<ExamResult> {
  return {
    examResultId: item.examResultId,
    schoolId: item.schoolId,
    classId: item.classId,
    studentId: item.studentId,
    examKind: item.examKind,
    subject: item.subject,
    ...(item.score !== undefined && { score: item.score }),
    ...(item.mark !== undefined && { mark: item.mark }),
    resultsObtainedAt: item.resultsObtainedAt,
  };
}
