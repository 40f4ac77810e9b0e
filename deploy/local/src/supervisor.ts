import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { dataDir, logFile, runDir, type InfraPaths } from './paths';
import { checkPidFile, removePidFile, writePidFile } from './pid-file';
import { isPortOpen } from './probes';
import { isAlive } from './process-identity';
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

function tailOfLog(paths: InfraPaths, spec: ServerSpec, lines = 20): string {
  const file = logFile(paths, spec.name);
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

/** Probes the server. A stale pid file counts as none, and this read-only check leaves it in place. */
export async function inspectServer(paths: InfraPaths, spec: ServerSpec): Promise<ServerState> {
  const pidCheck = checkPidFile(paths, spec);
  if (pidCheck.kind === 'ours') {
    const { pid } = pidCheck;
    return (await spec.probe()) ? { state: 'running', pid } : { state: 'not-responding', pid };
  }
  if (!(await isPortOpen(spec.host, spec.port))) return { state: 'stopped' };
  return (await spec.probe()) ? { state: 'external' } : { state: 'port-taken' };
}

/**
 * Installs and starts a server unless it already runs, then waits until it responds.
 * Returns false when it was already running, so a second `infra:up` changes nothing.
 * Callers that may run at the same time as another start of the same server hold the
 * infra lock (withInfraLock), as infraUp does.
 */
export async function startServer(paths: InfraPaths, spec: ServerSpec): Promise<boolean> {
  if (checkPidFile(paths, spec).kind === 'stale') removePidFile(paths, spec);
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
  for (const dir of [dataDir(paths, spec.name), `${paths.home}/logs`, runDir(paths)]) {
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
    // A failed spawn (e.g. ENOENT) reports its cause in an 'error' event.
    const [error] = (await once(child, 'error')) as [Error];
    throw new Error(`${spec.name}: ${command} could not be started: ${error.message}`);
  }
  writePidFile(paths, spec, child.pid);
  child.unref();

  const deadline = Date.now() + spec.startTimeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(child.pid)) {
      removePidFile(paths, spec);
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

/**
 * Stops a server started by startServer: SIGTERM to its process group, then SIGKILL
 * after graceMs. Returns false when the pid file is missing or stale; a stale pid file
 * is removed and the process it names is not signalled.
 */
export async function stopServer(paths: InfraPaths, spec: ServerSpec, graceMs = 20_000): Promise<boolean> {
  const pidCheck = checkPidFile(paths, spec);
  removePidFile(paths, spec);
  if (pidCheck.kind !== 'ours') return false;
  const { pid } = pidCheck;

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
