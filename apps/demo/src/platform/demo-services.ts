import { ApiKeyRepository, ApiKeySchema, type ApiKeyRole } from '@ediary/http-api';
import { freePort } from '@ediary/testing';
import mongoose from 'mongoose';
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const REPO_ROOT = resolve(__dirname, '../../../..');

export const SERVICE_NAMES = ['contacts-service', 'consent-service', 'grades-service', 'notifications-service'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Database name of each service without the prefix, as its *.config.ts sets it. */
const DATABASES: Record<ServiceName, string> = {
  'contacts-service': 'contacts',
  'consent-service': 'consent',
  'grades-service': 'grades',
  'notifications-service': 'notifications',
};

export interface RunningService {
  name: ServiceName;
  baseUrl: string;
  port: number;
  logFile: string;
  apiKey: string;
  stop(): Promise<void>;
}

/** Local endpoints the services connect to. */
export interface DemoEndpoints {
  kafkaBrokers: string[];
  mongoUrl: string;
  redisUrl: string;
  smtp: { host: string; port: number };
  smsApiBaseUrl: string;
  smsCredentials: { accountSid: string; authToken: string };
}

/** Issues an API key straight into the service's database, as its api-key CLI does. */
async function issueApiKey(mongoUrl: string, dbName: string, role: ApiKeyRole): Promise<string> {
  const connection = await mongoose.createConnection(mongoUrl, { dbName }).asPromise();
  try {
    return (await new ApiKeyRepository(connection.model('ApiKey', ApiKeySchema)).issue(role, 'demo')).apiKey;
  } finally {
    await connection.close();
  }
}

/**
 * Starts apps/<name>/src/main.ts in its own process, logging to `<logDir>/<name>.log`,
 * and waits until GET /health responds 200.
 */
export async function startService(
  name: ServiceName,
  env: Record<string, string>,
  options: { logDir: string; mongoUrl: string; dbPrefix: string; role: ApiKeyRole; port?: number; timeoutMs?: number },
): Promise<RunningService> {
  await mkdir(options.logDir, { recursive: true });
  const apiKey = await issueApiKey(options.mongoUrl, `${options.dbPrefix}${DATABASES[name]}`, options.role);
  const port = options.port ?? (await freePort());
  const logFile = join(options.logDir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(REPO_ROOT, 'apps', name, 'src/main.ts')], {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', ...env, HTTP_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exitCode: number | null | undefined;
  child.once('exit', (code) => (exitCode = code));

  const stop = async () => {
    if (exitCode !== undefined) return;
    const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(killer);
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  let lastStatus = 'no response';
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`${name} exited with code ${exitCode} during start; see ${logFile}`);
    try {
      const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return { name, baseUrl, port, logFile, apiKey, stop };
      lastStatus = `HTTP ${response.status}`;
    } catch {
      lastStatus = 'no response';
    }
    await sleep(300);
  }
  await stop();
  throw new Error(`${name} did not report healthy on ${baseUrl}/health (last: ${lastStatus}); see ${logFile}`);
}
