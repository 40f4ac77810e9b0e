import { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { REDACTION_CENSOR, REDACT_PATHS } from './redaction';

export interface LoggingOptions {
  service: string;
  level: string;
}

export function pinoOptions(options: LoggingOptions): LoggerOptions {
  return {
    level: options.level,
    base: { service: options.service },
    redact: { paths: REDACT_PATHS, censor: REDACTION_CENSOR },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
}

/** Creates a pino logger for use outside Nest, with the same redaction as the services. */
export function createLogger(options: LoggingOptions, destination?: DestinationStream): Logger {
  return destination ? pino(pinoOptions(options), destination) : pino(pinoOptions(options));
}

/** nestjs-pino for a service: one JSON line per request and per log call, personal data redacted. */
export function loggingModule(options: LoggingOptions): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      ...pinoOptions(options),
      // Health probes arrive every few seconds and carry nothing useful when they pass.
      autoLogging: { ignore: (request) => request.url === '/health' },
      serializers: {
        req: (request: { id: unknown; method: string; url: string }) => ({
          id: request.id,
          method: request.method,
          url: request.url,
        }),
      },
    },
  });
}
