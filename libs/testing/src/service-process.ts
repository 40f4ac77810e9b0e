import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { testInfra } from './test-env';

const REPO_ROOT = resolve(__dirname, '../../..');

/** One of the platform's services running in a process of its own, as in production. */
export interface ServiceProcess {
  baseUrl: string;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * Starts apps/<app>/src/main.ts with the given environment and waits until its HTTP
 * server responds (any status: /health may rightly report 503 while a dependency is down).
 */
export async function startServiceProcess(
  app: string,
  env: Record<string, string>,
  options: { port: number; timeoutMs?: number },
): Promise<ServiceProcess> {
  const logFile = join(testInfra().scratchDir, `${app}-${options.port}.log`);
  // Appends, so that a restarted service keeps the log of its previous run.
  const log = createWriteStream(logFile, { flags: 'a' });
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(REPO_ROOT, 'apps', app, 'src/main.ts')],
    {
      cwd: REPO_ROOT,
      env: { PATH: process.env['PATH'] ?? '', HTTP_PORT: String(options.port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  let exitCode: number | null | undefined;
  child.once('exit', (code) => (exitCode = code));

  const baseUrl = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (exitCode !== undefined) return;
    const exited = new Promise((resolvePromise) => child.once('exit', resolvePromise));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(killer);
  };

  const deadline = Date.now() + (options.timeoutMs ?? 45_000);
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(`${app} exited with code ${exitCode} during start; see ${logFile}`);
    }
    try {
      await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2000) });
      return { baseUrl, logFile, stop };
    } catch {
      await sleep(250);
    }
  }
  await stop();
  throw new Error(`${app} did not respond on ${baseUrl} within the timeout; see ${logFile}`);
}
