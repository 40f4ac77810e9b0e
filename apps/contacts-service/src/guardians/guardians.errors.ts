/** Stable codes that the contacts API puts in `error.code` and `error.details[].code`. */
export const CONTACTS_ERROR_CODES = {
  lineBreakNotAllowed: 'LINE_BREAK_NOT_ALLOWED',
  invalidPhone: 'INVALID_PHONE',
  invalidEmail: 'INVALID_EMAIL',
  duplicateChannel: 'DUPLICATE_CHANNEL',
  channelRequiresEmail: 'CHANNEL_REQUIRES_EMAIL',
  channelRequiresPhone: 'CHANNEL_REQUIRES_PHONE',
  duplicateStudent: 'DUPLICATE_STUDENT',
  guardianIdMismatch: 'GUARDIAN_ID_MISMATCH',
  guardianNotFound: 'GUARDIAN_NOT_FOUND',
  guardianAlreadyExists: 'GUARDIAN_ALREADY_EXISTS',
  concurrentUpdate: 'CONCURRENT_UPDATE',
} as const;
