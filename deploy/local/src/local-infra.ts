import { withInfraLock, type LockOptions } from './infra-lock';
import { resolveInfraPaths, type InfraPaths } from './paths';
import { checkPidFile, type PidFileCheck } from './pid-file';
import type { ServerSpec } from './server-spec';
import { forgetStartedByTests } from './server-users';
import { ferretDbServer } from './servers/ferretdb';
import { kafkaServer } from './servers/kafka';
import { mailSinkServer, SMS_SANDBOX_CREDENTIALS, smsSandboxServer } from './servers/node-tools';
import { redisServer } from './servers/redis';
import { inspectServer, startServer, stopServer, type ServerState } from './supervisor';

/** Every server of the local infrastructure, in start order. */
export const LOCAL_SERVERS: readonly ServerSpec[] = [
  kafkaServer,
  ferretDbServer,
  redisServer(),
  mailSinkServer(),
  smsSandboxServer(),
];

/** Addresses and credentials of the local servers, for services and tests. */
export const LOCAL_ENDPOINTS = {
  kafkaBrokers: [`${kafkaServer.host}:${kafkaServer.port}`],
  mongoUrl: `mongodb://${ferretDbServer.host}:${ferretDbServer.port}`,
  redisUrl: 'redis://127.0.0.1:6379',
  smtp: { host: '127.0.0.1', port: 1025 },
  smsApiBaseUrl: 'http://127.0.0.1:3090',
  smsCredentials: SMS_SANDBOX_CREDENTIALS,
} as const;

export interface ServerReport {
  name: string;
  address: string;
  state: ServerState['state'];
  /** Set by up(): whether this call started the server. */
  started?: boolean;
  /** Detail for the printed report, e.g. a removed stale pid file or why a server was left running. */
  note?: string;
}

/** Error of startServers when a server fails. `reports` contains the state of every server at that moment. */
export class InfraUpError extends Error {
  constructor(
    message: string,
    readonly reports: ServerReport[],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'InfraUpError';
  }
}

const address = (spec: ServerSpec) => `${spec.host}:${spec.port}`;

function joinNotes(...notes: (string | undefined)[]): string | undefined {
  const present = notes.filter((note): note is string => Boolean(note));
  return present.length > 0 ? present.join('; ') : undefined;
}

function staleNote(check: PidFileCheck, prefix: string): string | undefined {
  return check.kind === 'stale' ? `${prefix}: ${check.reason}` : undefined;
}

async function reportState(paths: InfraPaths, spec: ServerSpec, note?: string): Promise<ServerReport> {
  const { state } = await inspectServer(paths, spec);
  return { name: spec.name, address: address(spec), state, note };
}

/**
 * Starts every server that is not running yet and leaves running ones alone. Callers
 * hold the infra lock (infraUp, the test harness), so this function does not take it.
 */
export async function startServers(paths: InfraPaths, servers: readonly ServerSpec[]): Promise<ServerReport[]> {
  const reports: ServerReport[] = [];
  for (const [index, spec] of servers.entries()) {
    const note = staleNote(checkPidFile(paths, spec), 'removed a stale pid file');
    try {
      const started = await startServer(paths, spec);
      const report = await reportState(paths, spec, note);
      reports.push({ ...report, started });
    } catch (error) {
      const remaining = await Promise.all(
        servers
          .slice(index)
          .map((other, offset) =>
            reportState(paths, other, offset === 0 ? 'failed to start' : `not started: infra:up stopped at ${spec.name}`),
          ),
      );
      const message = error instanceof Error ? error.message : String(error);
      throw new InfraUpError(message, [...reports, ...remaining], { cause: error });
    }
  }
  return reports;
}

/**
 * Stops the servers in reverse start order and reports the state each is left in, so a
 * server that infra:up did not start shows as still running. Callers hold the infra lock.
 */
export async function stopServers(paths: InfraPaths, servers: readonly ServerSpec[]): Promise<ServerReport[]> {
  const reports: ServerReport[] = [];
  for (const spec of [...servers].reverse()) {
    const stale = staleNote(checkPidFile(paths, spec), 'removed a stale pid file');
    const stopped = await stopServer(paths, spec);
    const report = await reportState(paths, spec);
    let outcome: string | undefined;
    if (report.state === 'external') outcome = 'not started by infra:up; left running';
    if (report.state === 'port-taken') outcome = 'another process listens on this port; left running';
    if (report.state === 'stopped' && !stopped) outcome = 'was not running';
    reports.push({ ...report, note: joinNotes(stale, outcome) });
  }
  return reports.reverse();
}

/**
 * Starts every server that is not running yet, holding the infra lock. The servers
 * count as started by infra:up from then on, so test runs no longer stop them.
 */
export async function infraUp(
  paths: InfraPaths = resolveInfraPaths(),
  servers: readonly ServerSpec[] = LOCAL_SERVERS,
  lockOptions?: LockOptions,
): Promise<ServerReport[]> {
  return withInfraLock(
    paths,
    async () => {
      forgetStartedByTests(
        paths,
        servers.map((spec) => spec.name),
      );
      return startServers(paths, servers);
    },
    lockOptions,
  );
}

/** Reports each server's state; a stale pid file is named in the note but left in place. */
export async function infraStatus(
  paths: InfraPaths = resolveInfraPaths(),
  servers: readonly ServerSpec[] = LOCAL_SERVERS,
): Promise<ServerReport[]> {
  return Promise.all(
    servers.map((spec) =>
      reportState(paths, spec, staleNote(checkPidFile(paths, spec), 'stale pid file, removed by the next infra:up or infra:down')),
    ),
  );
}

/** Stops every server that infra:up started, in reverse start order, holding the infra lock. */
export async function infraDown(
  paths: InfraPaths = resolveInfraPaths(),
  servers: readonly ServerSpec[] = LOCAL_SERVERS,
  lockOptions?: LockOptions,
): Promise<ServerReport[]> {
  return withInfraLock(
    paths,
    async () => {
      const reports = await stopServers(paths, servers);
      forgetStartedByTests(
        paths,
        servers.map((spec) => spec.name),
      );
      return reports;
    },
    lockOptions,
  );
}
