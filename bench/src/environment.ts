import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { dataDir, infraStatus, infraUp, KAFKA_VERSION, LOCAL_ENDPOINTS, pidFile, resolveInfraPaths } from '@ediary/local-infra';

/** Clock ticks per second (USER_HZ) of /proc/<pid>/stat times; `getconf CLK_TCK` prints 100 on Linux x86-64 and arm64. */
const CLOCK_TICKS_PER_SECOND = 100;

export const ENDPOINTS = LOCAL_ENDPOINTS;

const paths = resolveInfraPaths();
export const MAIL_DATA_DIR = dataDir(paths, 'mail-sink');
export const SMS_DATA_DIR = dataDir(paths, 'sms-sandbox');

/**
 * Makes sure the local servers run. When all of them are running already nothing is
 * started, so a benchmark never changes who owns the shared servers.
 */
export async function ensureInfra(): Promise<void> {
  const reports = await infraStatus(paths);
  if (reports.every((report) => report.state === 'running')) return;
  await infraUp(paths);
}

/** CPU seconds a local server's process has used so far, from /proc; null when unknown. */
export function serverCpuSeconds(server: 'kafka' | 'ferretdb'): number | null {
  try {
    const pid = readFileSync(pidFile(paths, server), 'utf8').trim().split(/\s+/)[0];
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15 of the line.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Returns a local server's resident memory in bytes (VmRSS in /proc/<pid>/status), or null when unknown. */
export function serverRssBytes(server: 'kafka' | 'ferretdb'): number | null {
  try {
    const pid = readFileSync(pidFile(paths, server), 'utf8').trim().split(/\s+/)[0];
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** CPU seconds Redis has used so far (INFO cpu: used_cpu_sys + used_cpu_user). */
export async function redisCpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  return infoNumber(info, 'used_cpu_sys') + infoNumber(info, 'used_cpu_user');
}

/** Redis's resident memory in bytes (INFO memory: used_memory_rss). */
export async function redisMemoryBytes(redis: Redis): Promise<number> {
  return infoNumber(await redis.info('memory'), 'used_memory_rss');
}

function infoNumber(info: string, field: string): number {
  const match = new RegExp(`^${field}:([0-9.]+)`, 'm').exec(info);
  if (!match?.[1]) throw new Error(`Redis INFO has no ${field} field`);
  return Number(match[1]);
}

export interface MachineReport {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  kafka: string;
  ferretDb: string;
  storeBuildInfo: string;
  redis: string;
}

/** Names the machine and the versions of every server taking part, for the results page. */
export async function describeMachine(redis: Redis): Promise<MachineReport> {
  const goMod = readFileSync(join(__dirname, '../../deploy/local/ferretdb/go.mod'), 'utf8');
  const ferretDb = /github\.com\/FerretDB\/FerretDB\s+(v\S+)/.exec(goMod)?.[1] ?? 'unknown';

  const connection = await mongoose.createConnection(ENDPOINTS.mongoUrl).asPromise();
  const admin = connection.db?.admin();
  if (!admin) throw new Error(`connected to ${ENDPOINTS.mongoUrl} without a database handle`);
  const buildInfo = (await admin.command({ buildInfo: 1 })) as { version?: string; ferretdbVersion?: string };
  await connection.close();

  const redisVersion = /^redis_version:(\S+)/m.exec(await redis.info('server'))?.[1] ?? 'unknown';
  return {
    cores: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    kafka: KAFKA_VERSION,
    ferretDb,
    storeBuildInfo: `version ${buildInfo.version ?? '?'}, ferretdbVersion ${buildInfo.ferretdbVersion ?? '?'}`,
    redis: redisVersion,
  };
}
