import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runDir, type InfraPaths } from './paths';
import { checkIdentity, formatIdentity, identify, parseIdentity, writeFileAtomic } from './process-identity';

/*
 * Files that let test runs share the local servers. Callers change them only while
 * holding the infra lock.
 *
 * run/users/<runId>        one per test run that uses the servers: its pid and start time
 * run/started-by-tests     names of servers that a test run started, one per line, which
 *                          the last test run to finish stops
 */

const usersDir = (paths: InfraPaths) => join(runDir(paths), 'users');
const startedByTestsFile = (paths: InfraPaths) => join(runDir(paths), 'started-by-tests');

export interface ServerUser {
  runId: string;
  pid: number;
}

function checkRunId(runId: string): void {
  if (!/^[A-Za-z0-9._-]+$/.test(runId)) {
    throw new Error(`invalid test run id "${runId}": expected letters, digits, ".", "_" or "-"`);
  }
}

/** Records that the run uses the local servers, in run/users/<runId>. */
export function registerUser(paths: InfraPaths, runId: string, pid = process.pid): void {
  checkRunId(runId);
  mkdirSync(usersDir(paths), { recursive: true });
  writeFileAtomic(join(usersDir(paths), runId), `${formatIdentity(identify(pid))}\n`);
}

export function unregisterUser(paths: InfraPaths, runId: string): void {
  checkRunId(runId);
  rmSync(join(usersDir(paths), runId), { force: true });
}

/**
 * Lists the runs whose process still runs, and removes the entries of runs that have
 * exited, e.g. a run killed before its teardown.
 */
export function liveUsers(paths: InfraPaths): ServerUser[] {
  let entries: string[];
  try {
    entries = readdirSync(usersDir(paths));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }

  const users: ServerUser[] = [];
  for (const runId of entries) {
    // Temporary files of writeFileAtomic end in .tmp and are not entries.
    if (runId.endsWith('.tmp')) continue;
    const file = join(usersDir(paths), runId);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      // The run unregistered itself after readdir.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const recorded = parseIdentity(text);
    const status = recorded === null ? 'exited' : checkIdentity(recorded).status;
    if (recorded === null || status === 'exited' || status === 'pid-reused') {
      rmSync(file, { force: true });
      continue;
    }
    users.push({ runId, pid: recorded.pid });
  }
  return users;
}

export function readStartedByTests(paths: InfraPaths): string[] {
  try {
    return readFileSync(startedByTestsFile(paths), 'utf8').split('\n').filter(Boolean);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function writeStartedByTests(paths: InfraPaths, names: string[]): void {
  if (names.length === 0) {
    rmSync(startedByTestsFile(paths), { force: true });
    return;
  }
  mkdirSync(runDir(paths), { recursive: true });
  writeFileAtomic(startedByTestsFile(paths), `${names.join('\n')}\n`);
}

export function recordStartedByTests(paths: InfraPaths, names: string[]): void {
  writeStartedByTests(paths, [...new Set([...readStartedByTests(paths), ...names])]);
}

/** Removes servers from the started-by-tests list, e.g. once infra:up takes them over. */
export function forgetStartedByTests(paths: InfraPaths, names: string[]): void {
  writeStartedByTests(
    paths,
    readStartedByTests(paths).filter((name) => !names.includes(name)),
  );
}
