/** Outcome of a write to one journal record, reported per item. */
export type WriteStatus = 'recorded' | 'unchanged' | 'corrected' | 'deleted' | 'deferred';

/** 201 when a batch created anything new, 200 when every item was stored already. */
export function batchResponseStatus(results: readonly { status: WriteStatus }[]): number {
  return results.some((result) => result.status !== 'unchanged') ? 201 : 200;
}
