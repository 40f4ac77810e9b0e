import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { TOPICS } from '@ediary/contracts';
import { ApiError, ValidationFailedError } from '@ediary/http-api';
import { KAFKA_OPTIONS, type KafkaOptions } from '@ediary/kafka';
import { pendingEvent, type PendingEvent } from '@ediary/outbox';
import {
  sameContacts,
  toContactsState,
  toGuardianContacts,
  toGuardianView,
  type GuardianContacts,
  type GuardianRecord,
  type GuardianView,
} from './guardian-contacts';
import type { GuardianDto } from './guardian.dto';
import { CONTACTS_ERROR_CODES } from './guardians.errors';
import { GuardiansOutbox } from './guardians-outbox.service';
import { GuardiansRepository } from './guardians.repository';
import type { ListGuardiansQuery } from './list-guardians-query.dto';

/** Attempts of one write that lose the race for the same guardian before giving up with 409. */
const MAX_WRITE_ATTEMPTS = 5;

export interface WriteResult {
  /** False when the stored contacts already equalled the request and nothing was written. */
  changed: boolean;
  guardian: GuardianView;
}

@Injectable()
export class GuardiansService {
  private readonly logger = new Logger(GuardiansService.name);

  constructor(
    private readonly repository: GuardiansRepository,
    private readonly outbox: GuardiansOutbox,
    @Inject(KAFKA_OPTIONS) private readonly kafkaOptions: KafkaOptions,
  ) {}

  async get(guardianId: string): Promise<GuardianView> {
    const record = await this.repository.findLatest(guardianId);
    if (!record) throw guardianNotFound(guardianId);
    return toGuardianView(record);
  }

  async listByClass(query: ListGuardiansQuery): Promise<GuardianView[]> {
    const records = await this.repository.findLatestByClass(query.classId, query.schoolId);
    return records.map(toGuardianView);
  }

  /**
   * Creates a guardian. Repeating the creation with the same contacts returns the stored
   * guardian and writes nothing; other contacts for an existing id are a conflict.
   */
  async create(dto: GuardianDto): Promise<WriteResult> {
    const contacts = toGuardianContacts(dto);
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt += 1) {
      const existing = await this.repository.findLatest(dto.guardianId);
      if (existing) {
        if (sameContacts(existing, contacts)) return { changed: false, guardian: toGuardianView(existing) };
        throw new ApiError(
          HttpStatus.CONFLICT,
          CONTACTS_ERROR_CODES.guardianAlreadyExists,
          `Представитель с идентификатором ${dto.guardianId} уже есть; чтобы изменить его данные, используйте PUT /v1/guardians/${dto.guardianId}`,
        );
      }
      const record = this.nextRecord(dto.guardianId, contacts, 1);
      if (await this.repository.insert(record, this.toEvent(record))) {
        return this.written(record);
      }
      // Another request created the guardian meanwhile; the next pass compares with it.
    }
    throw concurrentUpdate(dto.guardianId);
  }

  /**
   * Replaces the contacts of an existing guardian by inserting the next revision; a
   * request equal to the latest revision writes nothing. The unique index on
   * (guardianId, revision) decides races, and the loser reads again and retries.
   */
  async replace(guardianId: string, dto: GuardianDto): Promise<WriteResult> {
    if (dto.guardianId !== guardianId) {
      throw new ValidationFailedError([
        {
          field: 'guardianId',
          code: CONTACTS_ERROR_CODES.guardianIdMismatch,
          message: `Идентификатор в теле запроса должен совпадать с идентификатором в адресе: ${guardianId}`,
        },
      ]);
    }
    const contacts = toGuardianContacts(dto);
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt += 1) {
      const existing = await this.repository.findLatest(guardianId);
      if (!existing) throw guardianNotFound(guardianId);
      if (sameContacts(existing, contacts)) return { changed: false, guardian: toGuardianView(existing) };

      const record = this.nextRecord(guardianId, contacts, existing.revision + 1);
      if (await this.repository.insert(record, this.toEvent(record))) {
        return this.written(record);
      }
      this.logger.warn({ guardianId, attempt, readRevision: existing.revision }, 'guardian changed concurrently; retrying');
    }
    throw concurrentUpdate(guardianId);
  }

  private nextRecord(guardianId: string, contacts: GuardianContacts, revision: number): GuardianRecord {
    return { guardianId, ...contacts, revision, updatedAt: new Date() };
  }

  private toEvent(record: GuardianRecord): PendingEvent {
    return pendingEvent(TOPICS.contactsState, toContactsState(record), {
      key: record.guardianId,
      producer: this.kafkaOptions.clientId,
    });
  }

  private written(record: GuardianRecord): WriteResult {
    this.outbox.nudge();
    this.logger.log({ guardianId: record.guardianId, revision: record.revision }, 'guardian contacts stored');
    return { changed: true, guardian: toGuardianView(record) };
  }
}

function guardianNotFound(guardianId: string): ApiError {
  return new ApiError(
    HttpStatus.NOT_FOUND,
    CONTACTS_ERROR_CODES.guardianNotFound,
    `Представитель с идентификатором ${guardianId} не найден; создайте его запросом POST /v1/guardians`,
  );
}

function concurrentUpdate(guardianId: string): ApiError {
  return new ApiError(
    HttpStatus.CONFLICT,
    CONTACTS_ERROR_CODES.concurrentUpdate,
    `Данные представителя ${guardianId} одновременно меняются другими запросами; повторите запрос`,
  );
}
