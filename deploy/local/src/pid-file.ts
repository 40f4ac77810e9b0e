import { readFileSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { pidFile, type InfraPaths } from './paths';
import {
  checkIdentity,
  formatIdentity,
  hasProcfs,
  identify,
  parseIdentity,
  processCommandName,
  writeFileAtomic,
} from './process-identity';
import type { ServerSpec } from './server-spec';

export type PidFileCheck =
  | { kind: 'missing' }
  | { kind: 'ours'; pid: number }
  /** The file names no process of this server, and `reason` gives the cause for reports. */
  | { kind: 'stale'; reason: string };

/** Records the server's pid and start time in run/<server>.pid. */
export function writePidFile(paths: InfraPaths, spec: ServerSpec, pid: number): void {
  writeFileAtomic(pidFile(paths, spec.name), `${formatIdentity(identify(pid))}\n`);
}

export function removePidFile(paths: InfraPaths, spec: ServerSpec): void {
  rmSync(pidFile(paths, spec.name), { force: true });
}

/**
 * Checks whether the pid file names a process that this supervisor started. Only such a
 * process may be signalled: a pid file left behind by a crash or a reboot can name a pid
 * that the kernel has since given to an unrelated process.
 */
export function checkPidFile(paths: InfraPaths, spec: ServerSpec): PidFileCheck {
  const file = pidFile(paths, spec.name);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }

  const recorded = parseIdentity(text);
  if (recorded === null) return { kind: 'stale', reason: `${file} contains no pid` };
  const check = checkIdentity(recorded);
  switch (check.status) {
    case 'same':
      return { kind: 'ours', pid: check.pid };
    case 'exited':
      return { kind: 'stale', reason: `pid ${check.pid} has exited` };
    case 'pid-reused':
      return {
        kind: 'stale',
        reason: `pid ${check.pid} is now another process (${processCommandName(check.pid) ?? 'unknown'}) started later`,
      };
    case 'same-pid':
      return checkCommandName(paths, spec, check.pid);
  }
}

/**
 * Checks a pid file without a start time by the process's command name. Such files come
 * from earlier versions of this supervisor, or from machines without /proc.
 */
function checkCommandName(paths: InfraPaths, spec: ServerSpec, pid: number): PidFileCheck {
  if (!hasProcfs()) return { kind: 'ours', pid };
  // The kernel keeps the first 15 bytes of the executable's name in /proc/<pid>/comm.
  const expected = basename(spec.launch(paths).command).slice(0, 15);
  const actual = processCommandName(pid);
  if (actual === null) return { kind: 'stale', reason: `pid ${pid} has exited` };
  if (actual !== expected) return { kind: 'stale', reason: `pid ${pid} is now another process (${actual}), not ${expected}` };
  return { kind: 'ours', pid };
}
