/**
 * Field names that carry personal data of guardians and students (names, emails,
 * phones, message text with names in it). Log lines keep ids instead.
 */
export const PERSONAL_DATA_FIELDS = [
  'email',
  'phone',
  'e164',
  'address',
  'fullName',
  'firstName',
  'lastName',
  'middleName',
  'guardianName',
  'studentName',
  'to',
  'body',
  'text',
  'html',
] as const;

// fast-redact matches exact paths, so each field is listed at every depth a log
// object may nest it. Deeper personal data must be logged by id in the first place.
const DEPTHS = ['', '*.', '*.*.', '*.*.*.'];

export const REDACT_PATHS: string[] = [
  ...DEPTHS.flatMap((prefix) => PERSONAL_DATA_FIELDS.map((field) => `${prefix}${field}`)),
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

export const REDACTION_CENSOR = '[redacted]';
