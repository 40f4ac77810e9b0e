import type { OutboxDocumentFields, PendingEvent } from '@ediary/outbox';
import { Types, type Model } from 'mongoose';
import type { Page } from '../http/list-query.dto';
import { collectionWriteLock } from './collection-write-lock';
import { isDuplicateKeyError } from './duplicate-key';

/** Fields that the repository manages on every record. */
export type ManagedFields = OutboxDocumentFields & { revision: number };
/** A record's own fields, as the service hands them over for an insert. */
export type RecordContent<Record extends ManagedFields> = Omit<Record, keyof ManagedFields>;
type Stored<Record> = Record & { _id: Types.ObjectId };

/**
 * Storage of one kind of journal record, keyed by the journal's own id (`idKey`), which a
 * unique index guards. Every write stores the change and its pending event in the same
 * single-document operation, so an event exists exactly when its change does.
 */
export abstract class JournalRecordRepository<Record extends ManagedFields, IdKey extends keyof Record & string> {
  protected constructor(
    private readonly model: Model<Record>,
    private readonly idKey: IdKey,
  ) {}

  async findMany(ids: readonly string[]): Promise<Stored<Record>[]> {
    return (await this.model.find({ [this.idKey]: { $in: ids } }).lean()) as Stored<Record>[];
  }

  async findOne(id: string): Promise<Stored<Record> | null> {
    return (await this.model.findOne({ [this.idKey]: id }).lean()) as Stored<Record> | null;
  }

  /** Inserts a new record with its event; resolves false when a record with this id exists. */
  async insert(record: RecordContent<Record>, event: PendingEvent): Promise<boolean> {
    try {
      await this.model.create({ ...record, revision: 1, pendingEvents: [event], hasPendingEvents: true });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /**
   * Sets fields and appends the event, if the record is still at `expectedRevision`.
   * Resolves false when another write changed it first.
   */
  async update(id: string, expectedRevision: number, changes: Partial<RecordContent<Record>>, event: PendingEvent): Promise<boolean> {
    const result = await collectionWriteLock(this.model).run(() =>
      this.model.updateOne(
        { [this.idKey]: id, revision: expectedRevision },
        {
          $set: { ...changes, hasPendingEvents: true },
          $inc: { revision: 1 },
          $push: { pendingEvents: event },
        },
      ),
    );
    return result.matchedCount === 1;
  }

  /** One page of a student's records, newest stored first. */
  async pageByStudent(
    studentId: string,
    limit: number,
    cursor: string | undefined,
    extraFilter: object = {},
  ): Promise<Page<Stored<Record>>> {
    const filter = {
      ...extraFilter,
      studentId,
      ...(cursor !== undefined && { _id: { $lt: new Types.ObjectId(cursor) } }),
    };
    const found = (await this.model
      .find(filter, { pendingEvents: 0 })
      .sort({ _id: -1 })
      .limit(limit + 1)
      .lean()) as Stored<Record>[];
    const items = found.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: found.length > limit && last ? last._id.toHexString() : null };
  }
}
