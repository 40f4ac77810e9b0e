import { z } from 'zod';
import { commonEnvFields, envFieldTypes, loadConfig, toServiceConfig, type ServiceConfig } from '@ediary/config';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a local time HH:MM, e.g. 18:00');

const schoolSchema = z.object({
  schoolId: z.string().min(1),
  name: z.string().min(1),
  timeZone: z.string().refine(isTimeZone, 'expected an IANA time zone, e.g. Europe/Moscow'),
});

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z
  .object({
    ...commonEnvFields,
    HTTP_PORT: envFieldTypes.port(3004),
    REDIS_URL: envFieldTypes.redisUrl,
    /** BullMQ key prefix, so that test runs and deployments never share queues. */
    QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'expected letters, digits, "_" or "-"').default('ediary'),
    SMTP_HOST: z.string().default('127.0.0.1'),
    SMTP_PORT: envFieldTypes.port(1025),
    SMTP_SECURE: z.enum(['true', 'false']).default('false'),
    SMTP_TIMEOUT_MS: positiveInt(30_000),
    MAIL_FROM: z.string().default('"Электронный дневник" <dnevnik@school.example>'),
    TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'expected AC followed by 32 hex digits'),
    TWILIO_AUTH_TOKEN: z.string().min(1, 'expected the auth token of the Twilio account'),
    /** Set to the SMS sandbox's origin in development and tests; unset in production. */
    TWILIO_API_BASE_URL: z.url().optional(),
    SMS_FROM: z.string().regex(/^\+[1-9]\d{7,14}$/, 'expected the sender number in E.164 form'),
    SMS_MAX_SEGMENTS: z.coerce.number().int().min(1).max(10).default(3),
    /** Segments per second that all SMS workers together may send from SMS_FROM; set it to the provider's limit. */
    SMS_RATE_SEGMENTS_PER_SECOND: positiveInt(30),
    /** Base URL at which Twilio reaches this service's status callback. */
    PUBLIC_BASE_URL: z.url().default('http://127.0.0.1:3004'),
    /** JSON array of { schoolId, name, timeZone }; schools not listed use the defaults below. */
    SCHOOLS_JSON: z.string().default('[]'),
    DEFAULT_SCHOOL_NAME: z.string().default('Школа'),
    DEFAULT_TIME_ZONE: z.string().refine(isTimeZone, 'expected an IANA time zone, e.g. Europe/Moscow').default('Europe/Moscow'),
    DIGEST_LOCAL_TIME: clockTime.default('18:00'),
    /** Runs the daily digest on its schedule; tests and the demo trigger it explicitly instead. */
    DIGEST_SCHEDULER: z.enum(['on', 'off']).default('on'),
    QUIET_HOURS_START: clockTime.default('21:00'),
    QUIET_HOURS_END: clockTime.default('08:00'),
    DEADLINE_DAYS: positiveInt(3),
    DEADLINE_AT_RISK_HOURS: positiveInt(24),
    DELIVERY_ATTEMPTS: positiveInt(5),
    DELIVERY_BACKOFF_MS: positiveInt(2000),
    /** Lock time of a job in a worker before it counts as stalled. The lock is renewed while the job runs. */
    WORKER_LOCK_MS: positiveInt(60_000),
  })
  .transform((env, context) => {
    let schools: z.infer<typeof schoolSchema>[] = [];
    try {
      schools = z.array(schoolSchema).parse(JSON.parse(env.SCHOOLS_JSON));
    } catch (error) {
      context.addIssue({
        code: 'custom',
        path: ['SCHOOLS_JSON'],
        message: `expected a JSON array of {schoolId, name, timeZone}: ${error instanceof Error ? error.message : String(error)}`,
      });
      return z.NEVER;
    }
    return {
      ...toServiceConfig('notifications-service', 'notifications', env),
      redis: { url: env.REDIS_URL, queuePrefix: env.QUEUE_PREFIX },
      smtp: {
        host: env.SMTP_HOST,
        port: env.SMTP_PORT,
        secure: env.SMTP_SECURE === 'true',
        timeoutMs: env.SMTP_TIMEOUT_MS,
        from: env.MAIL_FROM,
      },
      twilio: {
        accountSid: env.TWILIO_ACCOUNT_SID,
        authToken: env.TWILIO_AUTH_TOKEN,
        apiBaseUrl: env.TWILIO_API_BASE_URL,
        from: env.SMS_FROM,
        maxSegments: env.SMS_MAX_SEGMENTS,
        segmentsPerSecond: env.SMS_RATE_SEGMENTS_PER_SECOND,
        statusCallbackUrl: `${env.PUBLIC_BASE_URL.replace(/\/$/, '')}/v1/twilio/status`,
      },
      schools: {
        list: schools,
        defaultName: env.DEFAULT_SCHOOL_NAME,
        defaultTimeZone: env.DEFAULT_TIME_ZONE,
      },
      digest: { localTime: env.DIGEST_LOCAL_TIME, scheduler: env.DIGEST_SCHEDULER === 'on' },
      quietHours: { start: env.QUIET_HOURS_START, end: env.QUIET_HOURS_END },
      deadline: { days: env.DEADLINE_DAYS, atRiskHours: env.DEADLINE_AT_RISK_HOURS },
      delivery: { attempts: env.DELIVERY_ATTEMPTS, backoffMs: env.DELIVERY_BACKOFF_MS, lockMs: env.WORKER_LOCK_MS },
    };
  });

export type NotificationsConfig = z.output<typeof schema> & ServiceConfig;

export function loadNotificationsConfig(env?: Record<string, string | undefined>): NotificationsConfig {
  return loadConfig(schema, env);
}

export const NOTIFICATIONS_CONFIG = Symbol('NOTIFICATIONS_CONFIG');
