import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  acquireServersForRun,
  inspectServer,
  readStartedByTests,
  redisServer,
  registerUser,
  resolveInfraPaths,
  stopServer,
  type InfraPaths,
  type ServerSpec,
} from '@ediary/local-infra';
import { freePort } from './free-port';
import { testInfra } from './test-env';

const REPO_ROOT = resolve(__dirname, '../../..');

let homeCounter = 0;
function scratchPaths(label: string): InfraPaths {
  homeCounter += 1;
  return { home: join(testInfra().scratchDir, `test-runs-${label}-${homeCounter}`), cache: resolveInfraPaths().cache };
}

const usersIn = (paths: InfraPaths) => {
  const dir = join(paths.home, 'run', 'users');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
};

/**
 * Starts a second test run in a node process of its own, which acquires the servers,
 * prints "acquired", and releases them when its standard input closes.
 */
async function startRunInChild(paths: InfraPaths, spec: { name: string; port: number }, runId: string) {
  const script = [
    `const { acquireServersForRun, redisServer } = require(${JSON.stringify(join(REPO_ROOT, 'deploy/local/src/index.ts'))});`,
    'const paths = JSON.parse(process.env.RUN_TEST_PATHS);',
    'const spec = redisServer({ name: process.env.RUN_TEST_NAME, port: Number(process.env.RUN_TEST_PORT) });',
    'acquireServersForRun(paths, [spec], { runId: process.env.RUN_TEST_ID, log: () => undefined }).then((run) => {',
    "  console.log('acquired ' + JSON.stringify(run.missing));",
    "  process.stdin.on('data', () => undefined);",
    "  process.stdin.on('end', () => run.release().then(() => console.log('released')));",
    '});',
  ].join('\n');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', '-e', script], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      SWC_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.json'),
      RUN_TEST_PATHS: JSON.stringify(paths),
      RUN_TEST_NAME: spec.name,
      RUN_TEST_PORT: String(spec.port),
      RUN_TEST_ID: runId,
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  // 'close' comes after the output is read, so a child that has closed printed all it will.
  let closed = false;
  const exited = once(child, 'close').then(() => (closed = true));
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const waitFor = async (text: string) => {
    const deadline = Date.now() + 30_000;
    while (!stdout.includes(text)) {
      if (closed) throw new Error(`the child run exited with ${child.exitCode}; output:\n${stdout}`);
      if (Date.now() > deadline) throw new Error(`the child run did not print "${text}"; output:\n${stdout}`);
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 50));
    }
  };
  await waitFor('acquired');
  return {
    pid: child.pid,
    output: () => stdout,
    release: async () => {
      child.stdin.end();
      await waitFor('released');
      await exited;
    },
  };
}

describe('servers shared by test runs', () => {
  let spec: ServerSpec;
  let paths: InfraPaths;
  let messages: string[];
  const options = (runId: string) => {
    const log = (message: string) => messages.push(message);
    return { runId, log, lock: { log } };
  };

  beforeEach(async () => {
    spec = redisServer({ name: 'redis-shared', port: await freePort() });
    messages = [];
  });

  afterEach(async () => {
    await stopServer(paths, spec);
  });

  it('keeps servers up until the last run ends', async () => {
    paths = scratchPaths('last-run');
    const first = await acquireServersForRun(paths, [spec], options('run-a'));
    const second = await acquireServersForRun(paths, [spec], options('run-b'));

    await first.release();
    const afterFirst = await inspectServer(paths, spec);
    await second.release();
    const afterSecond = await inspectServer(paths, spec);

    expect(first.missing).toEqual(['redis-shared']);
    expect(second.missing).toEqual([]);
    expect(afterFirst.state).toBe('running');
    expect(messages).toContain(`leaving redis-shared running: test run(s) with pid ${process.pid} still use them`);
    expect(afterSecond.state).toBe('stopped');
    expect(usersIn(paths)).toEqual([]);
    expect(readStartedByTests(paths)).toEqual([]);
  });

  it('starts a server once for concurrent runs', async () => {
    paths = scratchPaths('concurrent');

    const runs = await Promise.all([
      acquireServersForRun(paths, [spec], options('run-a')),
      acquireServersForRun(paths, [spec], options('run-b')),
    ]);

    expect(runs.map((run) => run.missing.length).sort()).toEqual([0, 1]);
    expect(usersIn(paths)).toEqual(['run-a', 'run-b']);
    await Promise.all(runs.map((run) => run.release()));
    expect((await inspectServer(paths, spec)).state).toBe('stopped');
  });

  it('keeps servers up for a run in another process', async () => {
    paths = scratchPaths('other-process');
    const first = await acquireServersForRun(paths, [spec], options('run-a'));
    const child = await startRunInChild(paths, spec, 'run-child');

    await first.release();
    const afterFirst = await inspectServer(paths, spec);
    await child.release();
    const afterChild = await inspectServer(paths, spec);

    expect(child.output()).toContain('acquired []');
    expect(afterFirst.state).toBe('running');
    expect(messages).toContain(`leaving redis-shared running: test run(s) with pid ${child.pid} still use them`);
    expect(afterChild.state).toBe('stopped');
    expect(usersIn(paths)).toEqual([]);
  }, 60_000);

  it('removes the entry of an exited run', async () => {
    paths = scratchPaths('exited-run');
    const exited = spawn('true', { stdio: 'ignore' });
    await once(exited, 'exit');
    const first = await acquireServersForRun(paths, [spec], options('run-a'));
    registerUser(paths, 'run-killed', exited.pid as number);

    await first.release();

    expect((await inspectServer(paths, spec)).state).toBe('stopped');
    expect(usersIn(paths)).toEqual([]);
  });

  it('leaves servers running with keep', async () => {
    paths = scratchPaths('keep');
    const run = await acquireServersForRun(paths, [spec], { ...options('run-a'), keep: true });

    await run.release();

    expect((await inspectServer(paths, spec)).state).toBe('running');
    expect(readStartedByTests(paths)).toEqual([]);
  });
});
