import { resolveInfraPaths, type InfraPaths } from './paths';
import type { ServerSpec } from './server-spec';
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
}

const address = (spec: ServerSpec) => `${spec.host}:${spec.port}`;

/** Starts every server that is not running yet and leaves running ones alone. */
export async function infraUp(paths: InfraPaths = resolveInfraPaths(), servers = LOCAL_SERVERS): Promise<ServerReport[]> {
  const reports: ServerReport[] = [];
  for (const spec of servers) {
    const started = await startServer(paths, spec);
    const { state } = started ? { state: 'running' as const } : await inspectServer(paths, spec);
    reports.push({ name: spec.name, address: address(spec), state, started });
  }
  return reports;
}

export async function infraStatus(paths: InfraPaths = resolveInfraPaths(), servers = LOCAL_SERVERS): Promise<ServerReport[]> {
  return Promise.all(
    servers.map(async (spec) => ({ name: spec.name, address: address(spec), state: (await inspectServer(paths, spec)).state })),
  );
}

/** Stops every server that infra:up started, in reverse start order. */
export async function infraDown(paths: InfraPaths = resolveInfraPaths(), servers = LOCAL_SERVERS): Promise<ServerReport[]> {
  const reports: ServerReport[] = [];
  for (const spec of [...servers].reverse()) {
    await stopServer(paths, spec);
    reports.push({ name: spec.name, address: address(spec), state: 'stopped' });
  }
  return reports.reverse();
}
