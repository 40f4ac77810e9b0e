import { SANDBOX_NUMBER_ERROR_CODES } from './sandbox-numbers';

/** A Twilio error that rejects the create request itself. */
export interface CreateError {
  kind: 'create';
  httpStatus: number;
  message: (to: string) => string;
}

/** A Twilio error that the sandbox accepts at create and reports later in a status callback. */
export interface DeliveryError {
  kind: 'delivery';
  status: 'undelivered' | 'failed';
  message: string;
}

/** Error codes that can be scripted for a recipient, with Twilio's HTTP status and message for each. */
export const CREATE_ERRORS: ReadonlyMap<number, CreateError> = new Map<number, CreateError>([
  [20429, { kind: 'create', httpStatus: 429, message: () => 'Too Many Requests' }],
  [20500, { kind: 'create', httpStatus: 500, message: () => 'An internal server error has occurred' }],
  [21211, { kind: 'create', httpStatus: 400, message: (to) => `Invalid 'To' Phone Number: ${to}` }],
  [
    21408,
    {
      kind: 'create',
      httpStatus: 400,
      message: (to) => `Permission to send an SMS has not been enabled for the region indicated by the 'To' number: ${to}`,
    },
  ],
  [21610, { kind: 'create', httpStatus: 400, message: () => 'Attempt to send to unsubscribed recipient' }],
  [21612, { kind: 'create', httpStatus: 400, message: (to) => `The 'To' phone number ${to} is not currently reachable via SMS` }],
  [21614, { kind: 'create', httpStatus: 400, message: (to) => `'To' number ${to} is not a valid mobile number` }],
]);

// NOTE: the final status for each code is this sandbox's fixed choice. Real carriers may report
// the same code with either status.
export const DELIVERY_ERRORS: ReadonlyMap<number, DeliveryError> = new Map<number, DeliveryError>([
  [30003, { kind: 'delivery', status: 'undelivered', message: 'Unreachable destination handset' }],
  [30004, { kind: 'delivery', status: 'undelivered', message: 'Message blocked' }],
  [30005, { kind: 'delivery', status: 'undelivered', message: 'Unknown destination handset' }],
  [30006, { kind: 'delivery', status: 'failed', message: 'Landline or unreachable carrier' }],
  [30007, { kind: 'delivery', status: 'undelivered', message: 'Message filtered by the carrier' }],
  [30008, { kind: 'delivery', status: 'failed', message: 'Unknown error' }],
]);

export function scriptableErrorCodes(): number[] {
  return [...CREATE_ERRORS.keys(), ...DELIVERY_ERRORS.keys()].sort((left, right) => left - right);
}

export function findScriptableError(errorCode: number): CreateError | DeliveryError | undefined {
  return CREATE_ERRORS.get(errorCode) ?? DELIVERY_ERRORS.get(errorCode);
}

export interface SandboxScript {
  to: string;
  errorCode: number;
  /** Create requests left before the script is dropped, null for no limit. */
  remainingTimes: number | null;
}

/**
 * Scripted failures added at runtime through POST /sandbox/scripts, checked newest first,
 * and then the fixed SANDBOX_NUMBERS.
 */
export class ScriptRegistry {
  private scripts: SandboxScript[] = [];

  add(to: string, errorCode: number, times: number | null): SandboxScript {
    const script: SandboxScript = { to, errorCode, remainingTimes: times };
    this.scripts.push(script);
    return { ...script };
  }

  list(): SandboxScript[] {
    return this.scripts.map((script) => ({ ...script }));
  }

  /** Removes the runtime scripts and returns how many there were. The fixed numbers stay. */
  clear(): number {
    const removed = this.scripts.length;
    this.scripts = [];
    return removed;
  }

  /**
   * Returns the error code scripted for a create request to `to`, or null to deliver it.
   * A runtime script with a limit uses up one of its times.
   */
  takeErrorCode(to: string): number | null {
    for (let index = this.scripts.length - 1; index >= 0; index -= 1) {
      const script = this.scripts[index];
      if (!script || script.to !== to) continue;

      if (script.remainingTimes !== null) {
        script.remainingTimes -= 1;
        if (script.remainingTimes <= 0) this.scripts.splice(index, 1);
      }
      return script.errorCode;
    }
    return SANDBOX_NUMBER_ERROR_CODES.get(to) ?? null;
  }
}
