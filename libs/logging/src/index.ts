export { createLogger, loggingModule, pinoOptions, type LoggingOptions } from './logger';
export { PERSONAL_DATA_FIELDS, REDACT_PATHS } from './redaction';
