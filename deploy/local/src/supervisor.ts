import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { dataDir, logFile, pidFile, type InfraPaths } from './paths';
import { isPortOpen } from './probes';
import type { ServerSpec } from './server-spec';

export type ServerState =
  | { state: 'running'; pid: number }
  | { state: 'stopped' }
  /** Started by infra:up, but not responding to its protocol's probe. */
  | { state: 'not-responding'; pid: number }
  /** The server responds, but infra:up did not start it (e.g. docker compose did). */
  | { state: 'external' }
  /** Another process listens on the port and does not respond to the server's protocol. */
  | { state: 'port-taken' };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readPid(paths: InfraPaths, spec: ServerSpec): number | null {
  const file = pidFile(paths, spec.name);
  if (!existsSync(file)) return null;
  const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
}

function tailOfLog(paths: InfraPaths, spec: ServerSpec, lines = 20): string {
  const file = logFile(paths, spec.name);
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

export async function inspectServer(paths: InfraPaths, spec: ServerSpec): Promise<ServerState> {
  const pid = readPid(paths, spec);
  if (pid !== null) {
    return (await spec.probe()) ? { state: 'running', pid } : { state: 'not-responding', pid };
  }
  if (!(await isPortOpen(spec.host, spec.port))) return { state: 'stopped' };
  return (await spec.probe()) ? { state: 'external' } : { state: 'port-taken' };
}

/**
 * Installs and starts a server unless it already runs, then waits until it responds.
 * Returns false when it was already running, so a second `infra:up` changes nothing.
 */
export async function startServer(paths: InfraPaths, spec: ServerSpec): Promise<boolean> {
  const current = await inspectServer(paths, spec);
  if (current.state === 'running' || current.state === 'external') return false;
  if (current.state === 'port-taken') {
    throw new Error(
      `${spec.name}: ${spec.host}:${spec.port} is taken by a process that does not respond as ${spec.name}; ` +
        'stop that process, then run infra:up again',
    );
  }
  if (current.state === 'not-responding') {
    await stopServer(paths, spec);
  }

  await spec.install(paths);
  for (const dir of [dataDir(paths, spec.name), `${paths.home}/logs`, `${paths.home}/run`]) {
    mkdirSync(dir, { recursive: true });
  }
  await spec.prepare?.(paths);

  const { command, args, env } = spec.launch(paths);
  const log = openSync(logFile(paths, spec.name), 'a');
  const child = spawn(command, args, {
    cwd: dataDir(paths, spec.name),
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  if (child.pid === undefined) {
    throw new Error(`${spec.name}: ${command} could not be started`);
  }
  writeFileSync(pidFile(paths, spec.name), `${child.pid}\n`);
  child.unref();

  const deadline = Date.now() + spec.startTimeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(child.pid)) {
      rmSync(pidFile(paths, spec.name), { force: true });
      throw new Error(`${spec.name}: exited during start; last lines of its log:\n${tailOfLog(paths, spec)}`);
    }
    if (await spec.probe()) return true;
    await sleep(250);
  }
  throw new Error(
    `${spec.name}: did not respond on ${spec.host}:${spec.port} within ${spec.startTimeoutMs} ms; ` +
      `last lines of its log:\n${tailOfLog(paths, spec)}`,
  );
}

/** Stops a server started by startServer: SIGTERM, then SIGKILL after graceMs. */
export async function stopServer(paths: InfraPaths, spec: ServerSpec, graceMs = 20_000): Promise<boolean> {
  const pid = readPid(paths, spec);
  rmSync(pidFile(paths, spec.name), { force: true });
  if (pid === null) return false;

  // The server leads its own process group (detached), so this reaches its children too.
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  signalGroup('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) signalGroup('SIGKILL');
  while (isAlive(pid)) await sleep(50);
  return true;
}
