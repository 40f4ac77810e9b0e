import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { TOPICS } from '@ediary/contracts';
import { ApiError, type FieldProblem } from '@ediary/http-api';
import { ERROR_CODES } from '../http/error-codes';
import type { Page, StudentListQuery } from '../http/list-query.dto';
import { describePeriod } from '../http/period-field';
import { writeBatch, type StoredDecision } from '../journal/batch-writer';
import type { RecordContent } from '../journal/journal-record.repository';
import { PendingEventFactory } from '../journal/pending-event.factory';
import type { WriteStatus } from '../journal/write-status';
import type { DeferralItem, FinalGradeItem } from './final-grades.dto';
import { FinalGradesOutboxRelay } from './final-grades-outbox.relay';
import { FinalGradesRepository } from './final-grades.repository';
import type { FinalGrade, FinalGradeOutcome, StoredFinalGrade } from './final-grade.schema';

export interface FinalGradeResult {
  finalGradeId: string;
  status: WriteStatus;
}

/** A final grade as operators see it. */
export type FinalGradeView = RecordContent<FinalGrade> & { revision: number };

type FinalGradeContent = RecordContent<FinalGrade>;

/** A grade or a deferral, as both requests carry it. */
type FinalGradeInput = { index: number; field: 'finalGrades' | 'deferrals'; content: FinalGradeContent };

function gradeContent(item: FinalGradeItem): FinalGradeContent {
  return { ...identity(item), resultsObtainedAt: item.resultsObtainedAt, outcome: { status: 'graded', value: item.value } };
}

function deferralContent(item: DeferralItem): FinalGradeContent {
  return {
    ...identity(item),
    resultsObtainedAt: item.resultsObtainedAt,
    outcome: { status: 'deferred', reason: item.reason, deferredUntil: item.deferredUntil },
  };
}

function identity(item: FinalGradeItem | DeferralItem) {
  return {
    finalGradeId: item.finalGradeId,
    schoolId: item.schoolId,
    classId: item.classId,
    studentId: item.studentId,
    subject: item.subject,
    period: {
      kind: item.period.kind,
      ...(item.period.number !== undefined && { number: item.period.number }),
      schoolYear: item.period.schoolYear,
    },
  };
}

function sameIdentity(content: FinalGradeContent, stored: StoredFinalGrade): boolean {
  return (
    content.schoolId === stored.schoolId &&
    content.classId === stored.classId &&
    content.studentId === stored.studentId &&
    content.subject === stored.subject &&
    content.period.kind === stored.period.kind &&
    content.period.number === stored.period.number &&
    content.period.schoolYear === stored.period.schoolYear
  );
}

function sameOutcome(left: FinalGradeOutcome, right: FinalGradeOutcome): boolean {
  if (left.status === 'graded' && right.status === 'graded') return left.value === right.value;
  if (left.status === 'deferred' && right.status === 'deferred') return left.deferredUntil === right.deferredUntil;
  return false;
}

/**
 * Stores final grades and their deferrals with FinalGradeChanged events, keyed by
 * studentId. A deferral may be followed by the grade under the same finalGradeId, or by
 * another deferral date. A set grade never changes.
 */
@Injectable()
export class FinalGradesService {
  private readonly logger = new Logger(FinalGradesService.name);

  constructor(
    private readonly repository: FinalGradesRepository,
    private readonly events: PendingEventFactory,
    private readonly relay: FinalGradesOutboxRelay,
  ) {}

  async record(items: readonly FinalGradeItem[], correlationId: string): Promise<FinalGradeResult[]> {
    const inputs = items.map((item, index) => ({ index, field: 'finalGrades' as const, content: gradeContent(item) }));
    return this.write(inputs, correlationId);
  }

  async defer(items: readonly DeferralItem[], correlationId: string): Promise<FinalGradeResult[]> {
    const inputs = items.map((item, index) => ({ index, field: 'deferrals' as const, content: deferralContent(item) }));
    return this.write(inputs, correlationId);
  }

  async listForStudent(query: StudentListQuery): Promise<Page<FinalGradeView>> {
    const page = await this.repository.pageByStudent(query.studentId, query.limit, query.cursor);
    return {
      items: page.items.map((grade) => ({
        finalGradeId: grade.finalGradeId,
        schoolId: grade.schoolId,
        classId: grade.classId,
        studentId: grade.studentId,
        subject: grade.subject,
        period: grade.period,
        resultsObtainedAt: grade.resultsObtainedAt,
        outcome: grade.outcome,
        revision: grade.revision,
      })),
      nextCursor: page.nextCursor,
    };
  }

  private async write(inputs: FinalGradeInput[], correlationId: string): Promise<FinalGradeResult[]> {
    const outcomes = await writeBatch<FinalGradeInput, StoredFinalGrade>(inputs, {
      idOf: (input) => input.content.finalGradeId,
      storedIdOf: (stored) => stored.finalGradeId,
      findMany: (ids) => this.repository.findMany(ids),
      findOne: (id) => this.repository.findOne(id),
      insert: (input) => this.repository.insert(input.content, this.finalGradeEvent(input.content, correlationId)),
      insertedStatus: (input) => (input.content.outcome.status === 'graded' ? 'recorded' : 'deferred'),
      decide: (input, stored) => decide(input, stored),
      update: (input, stored) =>
        this.repository.update(
          input.content.finalGradeId,
          stored.revision,
          { resultsObtainedAt: input.content.resultsObtainedAt, outcome: input.content.outcome },
          this.finalGradeEvent(input.content, correlationId),
        ),
      conflictError: (problems) => conflictError(problems),
    });
    const results = outcomes.map(({ id, status }) => ({ finalGradeId: id, status }));
    const changed = results.filter((result) => result.status !== 'unchanged').length;
    if (changed > 0) this.relay.nudge();
    this.logger.log({ correlationId, changed, unchanged: results.length - changed }, 'final grades written');
    return results;
  }

  private finalGradeEvent(content: FinalGradeContent, correlationId: string) {
    return this.events.create(TOPICS.finalGrades, content, content.studentId, correlationId);
  }
}

function decide(input: FinalGradeInput, stored: StoredFinalGrade): StoredDecision {
  const { content } = input;
  const conflict = (code: string, message: string): StoredDecision => ({
    kind: 'conflict',
    problem: { field: `${input.field}[${input.index}].finalGradeId`, code, message },
  });
  if (!sameIdentity(content, stored)) {
    return conflict(
      ERROR_CODES.finalGradeAlreadyExists,
      `Итоговая отметка ${content.finalGradeId} уже записана для другого ученика, класса, предмета или периода`,
    );
  }
  const period = describePeriod(stored.period);
  if (stored.outcome.status === 'graded') {
    if (content.outcome.status === 'deferred') {
      return conflict(
        ERROR_CODES.finalGradeAlreadyGraded,
        `Итоговая отметка ${content.finalGradeId} за ${period} уже выставлена, отложить её нельзя`,
      );
    }
    if (sameOutcome(content.outcome, stored.outcome) && content.resultsObtainedAt === stored.resultsObtainedAt) {
      return { kind: 'unchanged' };
    }
    return conflict(
      ERROR_CODES.finalGradeAlreadyExists,
      `Итоговая отметка ${content.finalGradeId} за ${period} уже выставлена с другими данными; выставленная итоговая отметка не меняется`,
    );
  }
  if (content.outcome.status === 'graded') return { kind: 'update', status: 'recorded' };
  if (sameOutcome(content.outcome, stored.outcome) && content.resultsObtainedAt === stored.resultsObtainedAt) {
    return { kind: 'unchanged' };
  }
  return { kind: 'update', status: 'deferred' };
}

function conflictError(problems: FieldProblem[]): ApiError {
  const code = problems.some((problem) => problem.code === ERROR_CODES.finalGradeAlreadyExists)
    ? ERROR_CODES.finalGradeAlreadyExists
    : ERROR_CODES.finalGradeAlreadyGraded;
  return new ApiError(HttpStatus.CONFLICT, code, 'Часть итоговых отметок уже записана иначе; список в details', problems);
}
