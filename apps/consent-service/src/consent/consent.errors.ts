/** Stable codes that the consent API puts in `error.code` and `error.details[].code`. */
export const CONSENT_ERROR_CODES = {
  lineBreakNotAllowed: 'LINE_BREAK_NOT_ALLOWED',
  decisionRequired: 'DECISION_REQUIRED',
  decidedAtInFuture: 'DECIDED_AT_IN_FUTURE',
  concurrentRegistration: 'CONCURRENT_REGISTRATION',
} as const;
