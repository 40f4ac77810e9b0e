import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

/**
 * Process as recorded in a pid file, a lock file or a test-run entry. The start time
 * distinguishes a process from a later one that the kernel gave the same pid.
 */
export interface ProcessIdentity {
  pid: number;
  /** Field 22 of /proc/<pid>/stat: start time in clock ticks since boot; null without /proc. */
  startTime: string | null;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether /proc/<pid>/stat can be read here (Linux); elsewhere only pids are compared. */
export const hasProcfs = (): boolean => existsSync('/proc/self/stat');

/** Reads the start time of a process from /proc, or returns null when it has exited or /proc is missing. */
export function processStartTime(pid: number): string | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // Field 2 is the command name in parentheses and may itself contain spaces and
  // parentheses, so the fields are counted from the last ')'. Field 3 comes first there.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const startTime = fields[22 - 3];
  return startTime !== undefined && /^\d+$/.test(startTime) ? startTime : null;
}

/** Reads the command name of a process (/proc/<pid>/comm, at most 15 characters), or null. */
export function processCommandName(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
}

export function identify(pid: number): ProcessIdentity {
  return { pid, startTime: processStartTime(pid) };
}

/** Formats an identity as "<pid> <start time>", or "<pid>" alone without /proc. */
export function formatIdentity(identity: ProcessIdentity): string {
  return identity.startTime === null ? `${identity.pid}` : `${identity.pid} ${identity.startTime}`;
}

/** Parses the first line of a file written with formatIdentity; extra fields are ignored. */
export function parseIdentity(text: string): ProcessIdentity | null {
  const [pidField, startField] = text.trim().split(/\s+/);
  const pid = Number(pidField);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return { pid, startTime: startField !== undefined && /^\d+$/.test(startField) ? startField : null };
}

export type IdentityCheck =
  | { status: 'same'; pid: number }
  /** No start time was recorded, or /proc is missing, so only the pid was checked. */
  | { status: 'same-pid'; pid: number }
  | { status: 'exited'; pid: number }
  | { status: 'pid-reused'; pid: number };

/** Checks whether the recorded process still runs: same pid and, where /proc exists, same start time. */
export function checkIdentity(recorded: ProcessIdentity): IdentityCheck {
  const { pid } = recorded;
  if (!isAlive(pid)) return { status: 'exited', pid };
  // NOTE: without /proc (macOS, for one) a reused pid passes this check, so a stale
  // file there can still point at an unrelated process.
  if (recorded.startTime === null || !hasProcfs()) return { status: 'same-pid', pid };
  const current = processStartTime(pid);
  if (current === null) return { status: 'exited', pid };
  return current === recorded.startTime ? { status: 'same', pid } : { status: 'pid-reused', pid };
}

/**
 * Writes a file through a temporary file and a rename, so that a concurrent reader sees
 * either the old content or the whole new content, never an empty file.
 */
export function writeFileAtomic(file: string, content: string): void {
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}
