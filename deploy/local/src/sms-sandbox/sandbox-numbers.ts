/**
 * Recipient numbers for which the SMS sandbox always scripts the same failure. Every other
 * valid number is delivered, unless a test adds a script through POST /sandbox/scripts.
 */
export const SANDBOX_NUMBERS = {
  /** Rejected at create with 400, error 21211 (invalid 'To' number). */
  invalidNumber: '+79990212111',
  /** Rejected at create with 400, error 21610 (recipient replied STOP). */
  unsubscribed: '+79990216101',
  /** Accepted, then reported `undelivered` with error 30003 (unreachable handset). */
  unreachable: '+79990300031',
  /** Accepted, then reported `failed` with error 30006 (landline or unreachable carrier). */
  landline: '+79990300061',
} as const;

/** Error code scripted for each number in SANDBOX_NUMBERS. */
export const SANDBOX_NUMBER_ERROR_CODES: ReadonlyMap<string, number> = new Map([
  [SANDBOX_NUMBERS.invalidNumber, 21211],
  [SANDBOX_NUMBERS.unsubscribed, 21610],
  [SANDBOX_NUMBERS.unreachable, 30003],
  [SANDBOX_NUMBERS.landline, 30006],
]);
