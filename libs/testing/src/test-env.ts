import { randomBytes } from 'node:crypto';
/**
 * Endpoints of the servers a test run uses, handed from jest's global setup to the
 * test workers through environment variables.
 */
export interface TestInfra {
  mode: 'local' | 'docker';
  /** Unique per run; prefixes topic and database names so that runs never collide. */
  runId: string;
  kafkaBrokers: string[];
  mongoUrl: string;
  redisUrl: string;
  smtp: { host: string; port: number };
  mailDataDir: string;
  smsApiBaseUrl: string;
  smsDataDir: string;
  smsCredentials: { accountSid: string; authToken: string };
  /** Folder for the data of servers that single tests start for themselves. */
  scratchDir: string;
}

const VARIABLE = 'EDIARY_TEST_INFRA';

export function exportTestInfra(infra: TestInfra): void {
  process.env[VARIABLE] = JSON.stringify(infra);
}

/** Returns the run's endpoints; throws when called outside a jest run with the global setup. */
export function testInfra(): TestInfra {
  const value = process.env[VARIABLE];
  if (!value) {
    throw new Error(`${VARIABLE} is not set: run tests through jest with the repository's jest.config.js`);
  }
  return JSON.parse(value) as TestInfra;
}

let counter = 0;
// Jest gives each test file a fresh copy of this module, so the counter restarts per file
// while the pid stays the same. The random part keeps the names of two files apart.
const fileToken = randomBytes(2).toString('hex');

/** Returns a name unique within the run, for a topic, database, queue or consumer group. */
export function uniqueName(label: string): string {
  counter += 1;
  return `${testInfra().runId}-${label}-${process.pid}${fileToken}-${counter}`;
}
