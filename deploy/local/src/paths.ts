import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Repository root: deploy/local/src is three levels below it. */
export const REPO_ROOT = resolve(__dirname, '../../..');

export interface InfraPaths {
  /** Git-ignored folder with every server's data, logs and pid files. */
  home: string;
  /** Reused downloads and builds (Kafka jars, the FerretDB binary), outside the work tree. */
  cache: string;
}

/**
 * Resolves where the local servers keep their files. INFRA_HOME and INFRA_CACHE_DIR
 * override the defaults, e.g. to run a second, independent set of servers.
 */
export function resolveInfraPaths(env: Record<string, string | undefined> = process.env): InfraPaths {
  const cacheRoot = env['XDG_CACHE_HOME'] || join(homedir(), '.cache');
  return {
    home: resolve(env['INFRA_HOME'] || join(REPO_ROOT, '.infra')),
    cache: resolve(env['INFRA_CACHE_DIR'] || join(cacheRoot, 'ediary-notifications')),
  };
}

export const dataDir = (paths: InfraPaths, server: string) => join(paths.home, 'data', server);
export const logFile = (paths: InfraPaths, server: string) => join(paths.home, 'logs', `${server}.log`);
export const runDir = (paths: InfraPaths) => join(paths.home, 'run');
export const pidFile = (paths: InfraPaths, server: string) => join(runDir(paths), `${server}.pid`);
/** Held while infra:up, infra:down or a test run's setup or teardown changes the servers. */
export const lockFile = (paths: InfraPaths) => join(runDir(paths), 'infra.lock');
