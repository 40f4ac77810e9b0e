import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  infraDown,
  infraUp,
  inspectServer,
  lockFile,
  pidFile,
  processStartTime,
  redisServer,
  resolveInfraPaths,
  withInfraLock,
  type InfraPaths,
  type ServerReport,
} from '@ediary/local-infra';
import { freePort } from './free-port';
import { testInfra } from './test-env';

const REPO_ROOT = resolve(__dirname, '../../..');

let homeCounter = 0;
function scratchPaths(label: string): InfraPaths {
  homeCounter += 1;
  return { home: join(testInfra().scratchDir, `infra-lock-${label}-${homeCounter}`), cache: resolveInfraPaths().cache };
}

/**
 * Starts a node process that runs infraUp for one scratch Redis once its standard input
 * closes, so that the test can release several such processes at the same moment.
 */
function spawnInfraUpChild(paths: InfraPaths, name: string, port: number) {
  const script = [
    `const { infraUp, redisServer } = require(${JSON.stringify(join(REPO_ROOT, 'deploy/local/src/index.ts'))});`,
    'const paths = JSON.parse(process.env.LOCK_TEST_PATHS);',
    'const spec = redisServer({ name: process.env.LOCK_TEST_NAME, port: Number(process.env.LOCK_TEST_PORT) });',
    "console.log('ready');",
    "process.stdin.on('data', () => undefined);",
    "process.stdin.on('end', () => infraUp(paths, [spec]).then(",
    '  (reports) => console.log(JSON.stringify(reports)),',
    '  (error) => { console.error(error); process.exit(1); },',
    '));',
  ].join('\n');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', '-e', script], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      SWC_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.json'),
      LOCK_TEST_PATHS: JSON.stringify(paths),
      LOCK_TEST_NAME: name,
      LOCK_TEST_PORT: String(port),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  // 'close' comes after the output is read, unlike 'exit'.
  const closed = once(child, 'close') as Promise<[number | null]>;

  return {
    ready: async () => {
      const deadline = Date.now() + 30_000;
      while (!stdout.includes('ready')) {
        if (Date.now() > deadline) throw new Error(`the child did not print "ready"; stderr:\n${stderr}`);
        await new Promise((resolvePromise) => setTimeout(resolvePromise, 20));
      }
    },
    /** Closes the child's standard input, which starts its infraUp, and returns its reports. */
    run: async (): Promise<ServerReport[]> => {
      child.stdin.end();
      const [code] = await closed;
      if (code !== 0) throw new Error(`infraUp in a child process exited with ${code}:\n${stderr}`);
      const lastLine = stdout.trim().split('\n').at(-1) ?? '';
      return JSON.parse(lastLine) as ServerReport[];
    },
  };
}

describe('infra lock', () => {
  let bystander: ChildProcess | null = null;

  afterEach(() => {
    bystander?.kill('SIGKILL');
    bystander = null;
  });

  it('serializes two infraUp calls in one process', async () => {
    const paths = scratchPaths('in-process');
    const spec = redisServer({ name: 'redis-locked', port: await freePort() });
    const messages: string[] = [];
    const log = (message: string) => messages.push(message);

    const [first, second] = await Promise.all([
      infraUp(paths, [spec], { log }),
      infraUp(paths, [spec], { log }),
    ]);

    try {
      const started = [first[0]?.started, second[0]?.started].sort();
      expect(started).toEqual([false, true]);
      const [recordedPid] = readFileSync(pidFile(paths, spec.name), 'utf8').trim().split(' ');
      expect(await inspectServer(paths, spec)).toEqual({ state: 'running', pid: Number(recordedPid) });
      expect(messages).toEqual([`waiting for another infra:up/down (pid ${process.pid}) to finish; lock file ${lockFile(paths)}`]);
      expect(existsSync(lockFile(paths))).toBe(false);
    } finally {
      await infraDown(paths, [spec]);
    }
  });

  it('serializes infraUp across processes', async () => {
    const paths = scratchPaths('processes');
    const name = 'redis-locked-processes';
    const port = await freePort();

    const children = [spawnInfraUpChild(paths, name, port), spawnInfraUpChild(paths, name, port)];
    await Promise.all(children.map((child) => child.ready()));

    const reports = await Promise.all(children.map((child) => child.run()));

    const spec = redisServer({ name, port });
    try {
      const started = reports.map((report) => report[0]?.started).sort();
      expect(started).toEqual([false, true]);
      const [recordedPid] = readFileSync(pidFile(paths, name), 'utf8').trim().split(' ');
      expect(await inspectServer(paths, spec)).toEqual({ state: 'running', pid: Number(recordedPid) });
    } finally {
      await infraDown(paths, [spec]);
    }
  }, 60_000);

  it('times out naming a live holder', async () => {
    const paths = scratchPaths('live-holder');
    bystander = spawn('sleep', ['300'], { stdio: 'ignore' });
    await once(bystander, 'spawn');
    const holderPid = bystander.pid as number;
    mkdirSync(join(paths.home, 'run'), { recursive: true });
    writeFileSync(lockFile(paths), `${holderPid} ${processStartTime(holderPid)} token\n`);
    const messages: string[] = [];
    let ran = false;

    const attempt = withInfraLock(
      paths,
      async () => {
        ran = true;
      },
      { timeoutMs: 600, pollMs: 50, log: (message) => messages.push(message) },
    );

    await expect(attempt).rejects.toThrow(`timed out after 1 s waiting for another infra:up/down (pid ${holderPid})`);
    expect(ran).toBe(false);
    expect(messages).toEqual([`waiting for another infra:up/down (pid ${holderPid}) to finish; lock file ${lockFile(paths)}`]);
    expect(readFileSync(lockFile(paths), 'utf8')).toBe(`${holderPid} ${processStartTime(holderPid)} token\n`);
  });

  it('takes over the lock of an exited process', async () => {
    const paths = scratchPaths('exited-holder');
    const exited = spawn('true', { stdio: 'ignore' });
    await once(exited, 'exit');
    mkdirSync(join(paths.home, 'run'), { recursive: true });
    writeFileSync(lockFile(paths), `${exited.pid} 12345 token\n`);
    const messages: string[] = [];

    const result = await withInfraLock(paths, async () => readFileSync(lockFile(paths), 'utf8'), {
      log: (message) => messages.push(message),
    });

    expect(result.startsWith(`${process.pid} ${processStartTime(process.pid)} `)).toBe(true);
    expect(messages).toEqual([
      `infra lock: taking over ${lockFile(paths)}, whose holder pid ${exited.pid} is no longer running`,
    ]);
    expect(existsSync(lockFile(paths))).toBe(false);
  });

  it('takes over a lock whose pid was reused', async () => {
    const paths = scratchPaths('reused-pid');
    bystander = spawn('sleep', ['300'], { stdio: 'ignore' });
    await once(bystander, 'spawn');
    mkdirSync(join(paths.home, 'run'), { recursive: true });
    // The pid is live, but the start time is not the one of that process.
    writeFileSync(lockFile(paths), `${bystander.pid} 1 token\n`);

    const ran = await withInfraLock(paths, async () => true, { timeoutMs: 600, log: () => undefined });

    expect(ran).toBe(true);
    expect(bystander.exitCode).toBeNull();
  });
});
