import { HttpStatus } from '@nestjs/common';
import { ApiError, type FieldProblem } from '@ediary/http-api';
import { ERROR_CODES } from '../http/error-codes';
import type { WriteStatus } from './write-status';

/** Decision for an item whose id is stored already. */
export type StoredDecision =
  | { kind: 'unchanged' }
  | { kind: 'conflict'; problem: FieldProblem }
  | { kind: 'update'; status: WriteStatus };

/**
 * The storage operations of one kind of journal record. Each write stores the record and
 * its pending event in one single-document operation.
 */
export interface BatchWriteOperations<Item, Stored> {
  idOf(item: Item): string;
  storedIdOf(stored: Stored): string;
  findMany(ids: string[]): Promise<Stored[]>;
  findOne(id: string): Promise<Stored | null>;
  /** Inserts a new record; resolves false when the unique index reports that the id exists. */
  insert(item: Item): Promise<boolean>;
  insertedStatus(item: Item): WriteStatus;
  decide(item: Item, stored: Stored, index: number): StoredDecision;
  /** Applies an update decision; resolves false when the record changed since it was read. */
  update(item: Item, stored: Stored): Promise<boolean>;
  /** The 409 error for the given conflicts. */
  conflictError(problems: FieldProblem[]): ApiError;
}

export interface BatchItemOutcome {
  id: string;
  status: WriteStatus;
}

/** Attempts at an update that keeps losing to concurrent writers before giving up with 409. */
const MAX_UPDATE_ATTEMPTS = 5;

type Applied = BatchItemOutcome | { conflict: FieldProblem };

/**
 * Writes a validated batch. Conflicts with records read before the first write reject the
 * whole batch with nothing stored. A conflict that appears only during the writes, because
 * a concurrent request stored the same id in between, also ends in 409.
 * NOTE: in that concurrent case the items written before the conflict stay stored, because
 * FerretDB 1.x has no multi-document transactions. Repeating the request reports them as
 * unchanged.
 */
export async function writeBatch<Item, Stored>(
  items: readonly Item[],
  operations: BatchWriteOperations<Item, Stored>,
): Promise<BatchItemOutcome[]> {
  const stored = new Map<string, Stored>();
  for (const record of await operations.findMany(items.map((item) => operations.idOf(item)))) {
    stored.set(operations.storedIdOf(record), record);
  }

  const conflicts: FieldProblem[] = [];
  items.forEach((item, index) => {
    const existing = stored.get(operations.idOf(item));
    if (!existing) return;
    const decision = operations.decide(item, existing, index);
    if (decision.kind === 'conflict') conflicts.push(decision.problem);
  });
  if (conflicts.length > 0) throw operations.conflictError(conflicts);

  const outcomes: BatchItemOutcome[] = [];
  for (const [index, item] of items.entries()) {
    const applied = await applyItem(item, index, stored.get(operations.idOf(item)) ?? null, operations);
    if ('conflict' in applied) {
      conflicts.push(applied.conflict);
    } else {
      outcomes.push(applied);
    }
  }
  if (conflicts.length > 0) throw operations.conflictError(conflicts);
  return outcomes;
}

async function applyItem<Item, Stored>(
  item: Item,
  index: number,
  initiallyStored: Stored | null,
  operations: BatchWriteOperations<Item, Stored>,
): Promise<Applied> {
  const id = operations.idOf(item);
  let stored = initiallyStored;
  for (let attempt = 1; attempt <= MAX_UPDATE_ATTEMPTS; attempt += 1) {
    if (!stored) {
      if (await operations.insert(item)) return { id, status: operations.insertedStatus(item) };
      // A concurrent request inserted the same id first: judge the item against its record.
      stored = await operations.findOne(id);
      if (!stored) continue;
    }
    const decision = operations.decide(item, stored, index);
    if (decision.kind === 'unchanged') return { id, status: 'unchanged' };
    if (decision.kind === 'conflict') return { conflict: decision.problem };
    if (await operations.update(item, stored)) return { id, status: decision.status };
    stored = await operations.findOne(id);
  }
  throw new ApiError(
    HttpStatus.CONFLICT,
    ERROR_CODES.concurrentModification,
    `Запись ${id} одновременно изменяют другие запросы; повторите запрос`,
  );
}
