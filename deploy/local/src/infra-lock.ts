import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { lockFile, runDir, type InfraPaths } from './paths';
import { checkIdentity, formatIdentity, identify, parseIdentity } from './process-identity';

export interface LockOptions {
  /** Maximum wait for another holder, in ms; 20 minutes by default. */
  timeoutMs?: number;
  /** Interval between checks of the lock file while waiting, in ms. */
  pollMs?: number;
  /** Output for the waiting and takeover messages; console.log by default. */
  log?: (message: string) => void;
}

/** A first infra:up downloads Kafka's jars and builds FerretDB, which can take minutes. */
const DEFAULT_TIMEOUT_MS = 20 * 60_000;

function readLock(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Creates the lock file with its whole content, or returns false when it exists. */
function tryCreate(file: string, content: string): boolean {
  // link() fails when the target exists, like open(O_EXCL), and the file it links is
  // already complete, so no reader ever sees an empty lock.
  const draft = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.draft`;
  writeFileSync(draft, content);
  try {
    linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}

/**
 * Removes a lock whose holder has exited, unless another process replaced it meanwhile.
 * The file is first renamed aside, which only one process can do, and put back when it
 * turns out to be a fresh lock.
 */
function removeStaleLock(file: string, staleContent: string): void {
  const aside = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.stale`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (readFileSync(aside, 'utf8') !== staleContent) {
    // NOTE: a third process may create a lock while the file is aside. Then linking back
    // fails, and two processes hold the lock. No test covers this.
    try {
      linkSync(aside, file);
    } catch {
      // The lock is held by the process that created it in that moment.
    }
  }
  rmSync(aside, { force: true });
}

/**
 * Runs the action while holding run/infra.lock, so that infra:up, infra:down and the
 * test harness never start or stop the same server at once. The lock file contains the
 * holder's pid and start time. A lock whose holder has exited is stale and is taken
 * over. Otherwise the caller waits, up to timeoutMs, then fails naming the holder.
 */
export async function withInfraLock<T>(paths: InfraPaths, action: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const file = lockFile(paths);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const pollMs = options.pollMs ?? 250;
  const log = options.log ?? ((message: string) => console.log(message));
  // The random token distinguishes two acquisitions by one process, e.g. two infraUp calls in one test.
  const ownContent = `${formatIdentity(identify(process.pid))} ${randomBytes(8).toString('hex')}\n`;
  mkdirSync(runDir(paths), { recursive: true });

  const deadline = Date.now() + timeoutMs;
  let announcedHolder: number | null = null;
  while (!tryCreate(file, ownContent)) {
    const content = readLock(file);
    if (content === null) continue;
    const holder = parseIdentity(content);
    const check = holder === null ? null : checkIdentity(holder);
    if (check === null || check.status === 'exited' || check.status === 'pid-reused') {
      log(`infra lock: taking over ${file}, whose holder ${holder === null ? '(no pid)' : `pid ${holder.pid}`} is no longer running`);
      removeStaleLock(file, content);
      continue;
    }
    if (announcedHolder !== check.pid) {
      log(`waiting for another infra:up/down (pid ${check.pid}) to finish; lock file ${file}`);
      announcedHolder = check.pid;
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `timed out after ${Math.round(timeoutMs / 1000)} s waiting for another infra:up/down (pid ${check.pid}) ` +
          `that holds ${file}; let it finish or stop that process, then run again`,
      );
    }
    await sleep(pollMs);
  }

  try {
    return await action();
  } finally {
    // Remove the lock only while it is still ours.
    if (readLock(file) === ownContent) rmSync(file, { force: true });
  }
}
