import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const port = (fallback: number) =>
  z.coerce
    .number({ error: 'expected a TCP port number' })
    .int()
    .min(1, 'expected a TCP port from 1 to 65535')
    .max(65535, 'expected a TCP port from 1 to 65535')
    .default(fallback);

/** A comma-separated list of host:port pairs, e.g. "127.0.0.1:9092,127.0.0.1:9093". */
const brokerList = z
  .string()
  .default('127.0.0.1:9092')
  .transform((value) => value.split(',').map((broker) => broker.trim()).filter(Boolean))
  .pipe(
    z
      .array(z.string().regex(/^[^\s:]+:\d{1,5}$/, 'expected host:port, e.g. 127.0.0.1:9092'))
      .min(1, 'expected at least one broker, e.g. 127.0.0.1:9092'),
  );

const mongoUrl = z
  .string()
  .default('mongodb://127.0.0.1:27017')
  .refine((value) => /^mongodb(\+srv)?:\/\//.test(value), 'expected a mongodb:// URL, e.g. mongodb://127.0.0.1:27017');

const redisUrl = z
  .string()
  .default('redis://127.0.0.1:6379')
  .refine((value) => /^rediss?:\/\//.test(value), 'expected a redis:// URL, e.g. redis://127.0.0.1:6379');

/**
 * Environment variables shared by every service. Each service extends this object
 * with its own and maps the flat variables to a nested config object.
 */
export const commonEnvFields = {
  HTTP_HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  KAFKA_BROKERS: brokerList,
  /** Prepended to every topic name, so that test runs and deployments never share topics. */
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]*$/, 'expected letters, digits, ".", "_" or "-" only')
    .default(''),
  MONGO_URL: mongoUrl,
  MONGO_DB_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]*$/, 'expected letters, digits, "_" or "-" only')
    .default(''),
};

export const envFieldTypes = { port, redisUrl };
