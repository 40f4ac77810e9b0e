/* eslint-disable @nx/enforce-module-boundaries --
   jest loads its global setup with plain require, outside moduleNameMapper, so the
   '@ediary/*' aliases do not resolve here and the infrastructure is imported by path. */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  acquireServersForRun,
  dataDir,
  LOCAL_ENDPOINTS,
  LOCAL_SERVERS,
  resolveInfraPaths,
} from '../../../deploy/local/src/index';
import { exportTestInfra, type TestInfra } from './test-env';
import { setTeardown } from './teardown-registry';

function dockerEngineResponds(): boolean {
  const result = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 5000, stdio: 'ignore' });
  return result.status === 0;
}

function chooseMode(): 'local' | 'docker' {
  const requested = process.env['TEST_INFRA'] ?? 'auto';
  if (requested === 'local' || requested === 'docker') return requested;
  if (requested !== 'auto') {
    throw new Error(`TEST_INFRA=${requested} is invalid: expected auto, local or docker`);
  }
  return dockerEngineResponds() ? 'docker' : 'local';
}

/**
 * Starts the servers the tests need, or reuses running ones, once per jest run. The
 * global teardown stops the local servers that test runs started, once no other test
 * run uses them.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `t${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const paths = resolveInfraPaths();
  const scratchDir = join(paths.home, 'test-runs', runId);
  mkdirSync(scratchDir, { recursive: true });
  const mode = chooseMode();

  if (mode === 'docker') {
    console.log('\n[test infra] a Docker engine responds: starting official images with testcontainers');
    // Loaded only here: importing testcontainers keeps handles open that delay jest's exit.
    const { startDockerInfra } = await import('./docker-infra');
    const docker = await startDockerInfra(scratchDir);
    exportTestInfra({ mode, runId, scratchDir, ...docker.endpoints });
    setTeardown(docker.stop);
    return;
  }

  // Registers this run as a user of the local servers, so that a parallel run's teardown
  // leaves them running until this run ends too (see test-run-servers.ts in deploy/local).
  console.log('\n[test infra] no Docker engine: using local servers');
  const servers = await acquireServersForRun(paths, LOCAL_SERVERS, {
    runId,
    keep: process.env['TEST_INFRA_KEEP'] === '1',
    log: (message) => console.log(`[test infra] ${message}`),
  });
  setTeardown(servers.release);
  const infra: TestInfra = {
    mode,
    runId,
    scratchDir,
    kafkaBrokers: [...LOCAL_ENDPOINTS.kafkaBrokers],
    mongoUrl: LOCAL_ENDPOINTS.mongoUrl,
    redisUrl: LOCAL_ENDPOINTS.redisUrl,
    smtp: { ...LOCAL_ENDPOINTS.smtp },
    mailDataDir: dataDir(paths, 'mail-sink'),
    smsApiBaseUrl: LOCAL_ENDPOINTS.smsApiBaseUrl,
    smsDataDir: dataDir(paths, 'sms-sandbox'),
    smsCredentials: { ...LOCAL_ENDPOINTS.smsCredentials },
  };
  exportTestInfra(infra);
}
