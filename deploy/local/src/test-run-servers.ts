import { withInfraLock, type LockOptions } from './infra-lock';
import { InfraUpError, infraStatus, startServers, stopServers } from './local-infra';
import type { InfraPaths } from './paths';
import type { ServerSpec } from './server-spec';
import { forgetStartedByTests, liveUsers, readStartedByTests, recordStartedByTests, registerUser, unregisterUser } from './server-users';

export interface RunServersOptions {
  /** Unique per test run; names the run's entry in run/users. */
  runId: string;
  /** Leaves every server running when the run ends (TEST_INFRA_KEEP=1). */
  keep?: boolean;
  log?: (message: string) => void;
  lock?: LockOptions;
}

export interface RunServers {
  /** Servers that were not running when the run began, so the run started them. */
  missing: string[];
  /** Ends the run's use of the servers; stops them when it is the last run using them. */
  release(): Promise<void>;
}

/*
 * Several test runs may use the local servers at once (two `npm test` in parallel), and
 * one run must not stop servers that another still uses. So each run registers itself in
 * run/users/<runId> with its pid, and every server that a test run started is listed in
 * run/started-by-tests. When a run ends it removes its own entry and stops the listed
 * servers only if no other live run remains. Otherwise it leaves them to the last run,
 * which stops them. Entries whose process has exited are removed on the way, so a run
 * killed before its teardown does not keep the servers up for ever. Registration and
 * release happen under the infra lock, so a release never stops a server between
 * another run's status check and its registration.
 */

/** Registers a test run as a user of the local servers and starts the missing ones. */
export async function acquireServersForRun(
  paths: InfraPaths,
  servers: readonly ServerSpec[],
  options: RunServersOptions,
): Promise<RunServers> {
  const log = options.log ?? ((message: string) => console.log(message));
  const release = async () => withInfraLock(paths, () => releaseLocked(paths, servers, options, log), options.lock);

  return withInfraLock(
    paths,
    async () => {
      registerUser(paths, options.runId);
      const before = await infraStatus(paths, servers);
      const missing = before
        .filter((report) => report.state !== 'running' && report.state !== 'external')
        .map((report) => report.name);
      if (missing.length === 0) {
        log('reusing the local servers already running (npm run infra:up)');
        return { missing, release };
      }

      log(`starting local servers ${missing.join(', ')} (as npm run infra:up does)`);
      try {
        const reports = await startServers(paths, servers);
        recordStarted(paths, options, reports.filter((report) => report.started).map((report) => report.name));
      } catch (error) {
        // jest runs no global teardown after a failed setup, so the run releases here.
        if (error instanceof InfraUpError) {
          recordStarted(paths, options, error.reports.filter((report) => report.started).map((report) => report.name));
        }
        await releaseLocked(paths, servers, options, log);
        throw error;
      }
      return { missing, release };
    },
    options.lock,
  );
}

function recordStarted(paths: InfraPaths, options: RunServersOptions, names: string[]): void {
  if (!options.keep) recordStartedByTests(paths, names);
}

async function releaseLocked(
  paths: InfraPaths,
  servers: readonly ServerSpec[],
  options: RunServersOptions,
  log: (message: string) => void,
): Promise<void> {
  unregisterUser(paths, options.runId);
  const startedByTests = readStartedByTests(paths);
  const others = liveUsers(paths);
  if (others.length > 0) {
    if (startedByTests.length > 0) {
      const pids = others.map((user) => user.pid).join(', ');
      log(`leaving ${startedByTests.join(', ')} running: test run(s) with pid ${pids} still use them`);
    }
    return;
  }
  if (options.keep) return;

  const toStop = servers.filter((spec) => startedByTests.includes(spec.name));
  if (toStop.length === 0) return;
  log(`stopping ${toStop.map((spec) => spec.name).join(', ')}, started for tests and used by no other test run`);
  await stopServers(paths, toStop);
  forgetStartedByTests(
    paths,
    toStop.map((spec) => spec.name),
  );
}
