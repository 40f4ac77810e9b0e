import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  checkPidFile,
  infraDown,
  infraStatus,
  infraUp,
  InfraUpError,
  inspectServer,
  pidFile,
  processStartTime,
  redisServer,
  resolveInfraPaths,
  startServer,
  stopServer,
  type InfraPaths,
} from '@ediary/local-infra';
import { freePort } from './free-port';
import { testInfra } from './test-env';

describe('local server supervisor', () => {
  let paths: InfraPaths;

  beforeAll(() => {
    paths = { home: join(testInfra().scratchDir, 'supervisor'), cache: resolveInfraPaths().cache };
  });

  it('starts a server once and leaves it alone on a second start', async () => {
    const spec = redisServer({ name: 'redis-twice', port: await freePort() });

    const first = await startServer(paths, spec);
    const pid = readFileSync(pidFile(paths, spec.name), 'utf8');
    const second = await startServer(paths, spec);

    expect(first).toBe(true);
    expect(second).toBe(false);
    expect(readFileSync(pidFile(paths, spec.name), 'utf8')).toBe(pid);
    expect((await inspectServer(paths, spec)).state).toBe('running');
    await stopServer(paths, spec);
  });

  it('reports a stopped server as stopped', async () => {
    const spec = redisServer({ name: 'redis-stop', port: await freePort() });
    await startServer(paths, spec);

    const stopped = await stopServer(paths, spec);

    expect(stopped).toBe(true);
    expect((await inspectServer(paths, spec)).state).toBe('stopped');
  });

  it('refuses a port held by a foreign process', async () => {
    const port = await freePort();
    const sockets = new Set<Socket>();
    const squatter: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      // Probes hang up abruptly; a reset is expected here.
      socket.on('error', () => undefined);
      socket.end('not redis\r\n');
    });
    await new Promise<void>((resolvePromise) => squatter.listen(port, '127.0.0.1', resolvePromise));
    const spec = redisServer({ name: 'redis-squatted', port });

    try {
      await expect(startServer(paths, spec)).rejects.toThrow(`redis-squatted: 127.0.0.1:${port} is taken`);
      expect((await inspectServer(paths, spec)).state).toBe('port-taken');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolvePromise) => squatter.close(resolvePromise));
    }
  });
});

describe('pid files', () => {
  let paths: InfraPaths;
  let bystander: ChildProcess;

  beforeAll(() => {
    paths = { home: join(testInfra().scratchDir, 'pid-files'), cache: resolveInfraPaths().cache };
    mkdirSync(join(paths.home, 'run'), { recursive: true });
  });

  beforeEach(async () => {
    // An unrelated process in a process group of its own, which a wrong signal would end.
    bystander = spawn('sleep', ['300'], { detached: true, stdio: 'ignore' });
    await once(bystander, 'spawn');
  });

  afterEach(() => {
    bystander.kill('SIGKILL');
  });

  const bystanderPid = () => {
    if (bystander.pid === undefined) throw new Error('sleep did not start');
    return bystander.pid;
  };

  it('records pid and start time', async () => {
    const spec = redisServer({ name: 'redis-pid-format', port: await freePort() });
    await startServer(paths, spec);

    try {
      const [pid, startTime] = readFileSync(pidFile(paths, spec.name), 'utf8').trim().split(' ');
      expect(startTime).toBe(processStartTime(Number(pid)));
      expect(checkPidFile(paths, spec)).toEqual({ kind: 'ours', pid: Number(pid) });
    } finally {
      await stopServer(paths, spec);
    }
  });

  it('ignores a live process with another start time', async () => {
    const spec = redisServer({ name: 'redis-pid-reused', port: await freePort() });
    const pid = bystanderPid();
    writeFileSync(pidFile(paths, spec.name), `${pid} 1\n`);

    const check = checkPidFile(paths, spec);
    const state = await inspectServer(paths, spec);
    const stopped = await stopServer(paths, spec);
    // A signal, had one been sent, would have ended sleep by now.
    await sleep(200);

    expect(bystander.signalCode).toBeNull();
    expect(bystander.exitCode).toBeNull();
    expect(check).toEqual({ kind: 'stale', reason: `pid ${pid} is now another process (sleep) started later` });
    expect(state.state).toBe('stopped');
    expect(stopped).toBe(false);
    expect(existsSync(pidFile(paths, spec.name))).toBe(false);
  });

  it('ignores a pid-only file naming another program', async () => {
    const spec = redisServer({ name: 'redis-pid-only', port: await freePort() });
    const pid = bystanderPid();
    writeFileSync(pidFile(paths, spec.name), `${pid}\n`);

    const check = checkPidFile(paths, spec);
    const stopped = await stopServer(paths, spec);
    await sleep(200);

    expect(check).toEqual({ kind: 'stale', reason: `pid ${pid} is now another process (sleep), not redis-server` });
    expect(stopped).toBe(false);
    expect(existsSync(pidFile(paths, spec.name))).toBe(false);
    expect(bystander.exitCode).toBeNull();
    expect(bystander.signalCode).toBeNull();
  });

  it('reports and replaces a stale pid file on up', async () => {
    const spec = redisServer({ name: 'redis-pid-up', port: await freePort() });
    const pid = bystanderPid();
    writeFileSync(pidFile(paths, spec.name), `${pid} 1\n`);

    const status = await infraStatus(paths, [spec]);
    const up = await infraUp(paths, [spec]);

    try {
      expect(status[0]?.note).toBe(
        `stale pid file, removed by the next infra:up or infra:down: pid ${pid} is now another process (sleep) started later`,
      );
      expect(up[0]?.started).toBe(true);
      expect(up[0]?.note).toBe(`removed a stale pid file: pid ${pid} is now another process (sleep) started later`);
      expect(checkPidFile(paths, spec).kind).toBe('ours');
      expect(bystander.exitCode).toBeNull();
      expect(bystander.signalCode).toBeNull();
    } finally {
      await stopServer(paths, spec);
    }
  });
});

describe('infraDown report', () => {
  let paths: InfraPaths;

  beforeAll(() => {
    paths = { home: join(testInfra().scratchDir, 'infra-down'), cache: resolveInfraPaths().cache };
  });

  it('reports stopped, not running and external', async () => {
    const ours = redisServer({ name: 'redis-down-ours', port: await freePort() });
    const idle = redisServer({ name: 'redis-down-idle', port: await freePort() });
    const foreign = redisServer({ name: 'redis-down-foreign', port: await freePort() });
    // Started under another home, so this home has no pid file for it, as if docker compose had started it.
    const otherPaths: InfraPaths = { ...paths, home: `${paths.home}-other` };
    await startServer(paths, ours);
    await startServer(otherPaths, foreign);

    try {
      const reports = await infraDown(paths, [ours, idle, foreign]);

      expect(reports.map((report) => [report.name, report.state, report.note])).toEqual([
        ['redis-down-ours', 'stopped', undefined],
        ['redis-down-idle', 'stopped', 'was not running'],
        ['redis-down-foreign', 'external', 'not started by infra:up; left running'],
      ]);
      expect((await inspectServer(otherPaths, foreign)).state).toBe('running');
    } finally {
      await stopServer(otherPaths, foreign);
      await stopServer(paths, ours);
    }
  });
});

describe('infraUp failure', () => {
  it('reports every server when one fails', async () => {
    const paths: InfraPaths = { home: join(testInfra().scratchDir, 'infra-up-failure'), cache: resolveInfraPaths().cache };
    const first = redisServer({ name: 'redis-up-first', port: await freePort() });
    const squattedPort = await freePort();
    const squatted = redisServer({ name: 'redis-up-squatted', port: squattedPort });
    const last = redisServer({ name: 'redis-up-last', port: await freePort() });
    const sockets = new Set<Socket>();
    const squatter = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
      socket.end('not redis\r\n');
    });
    await new Promise<void>((resolvePromise) => squatter.listen(squattedPort, '127.0.0.1', resolvePromise));

    try {
      const failure = await infraUp(paths, [first, squatted, last]).then(
        () => null,
        (error: unknown) => error,
      );

      expect(failure).toBeInstanceOf(InfraUpError);
      const reports = (failure as InfraUpError).reports;
      expect(reports.map((report) => [report.name, report.state, report.started, report.note])).toEqual([
        ['redis-up-first', 'running', true, undefined],
        ['redis-up-squatted', 'port-taken', undefined, 'failed to start'],
        ['redis-up-last', 'stopped', undefined, 'not started: infra:up stopped at redis-up-squatted'],
      ]);
      expect((failure as InfraUpError).message).toContain(`redis-up-squatted: 127.0.0.1:${squattedPort} is taken`);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolvePromise) => squatter.close(resolvePromise));
      await stopServer(paths, first);
    }
  });
});
