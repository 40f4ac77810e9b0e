import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { benchEnqueue } from './b1-enqueue';
import { benchRepositoryWrites } from './b3-repository-writes';
import { benchRender } from './b4-render';
import { benchEmail } from './b6-email';
import { describeMachine, ENDPOINTS, ensureInfra } from './environment';
import { LostOrDuplicatedError, log, type Comparison } from './measure';
import { renderPage, type BenchOutcome } from './report';

const quick = process.argv.includes('--quick');
/** `--only=B3,B6` runs only the named benchmarks, e.g. under `node --cpu-prof`. */
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');

/**
 * Sizes of the table in docs/benchmarks.md, cut where a full-size run would take over 20
 * minutes on a 2-core machine: B3 and B6 run at 1/5 and 1/20 of the stated load. Quick mode
 * divides every size by 50 again for CI.
 */
const SCALE = quick ? 1 / 50 : 1;
const size = (full: number) => Math.max(20, Math.round(full * SCALE));
const ROUNDS = 5;

async function main(): Promise<void> {
  await ensureInfra();
  const redis = new Redis(ENDPOINTS.redisUrl);
  const runPrefix = `bench-${Date.now().toString(36)}-${process.pid}`;
  const machine = await describeMachine(redis);
  const outcomes: BenchOutcome[] = [];
  let lostOrDuplicated = false;

  const run = async (id: string, title: string, bench: () => Promise<Comparison>) => {
    if (only && !only.includes(id)) return;
    try {
      outcomes.push({ id, title, comparison: await bench() });
    } catch (error) {
      if (error instanceof LostOrDuplicatedError) lostOrDuplicated = true;
      const message = error instanceof Error ? error.message : String(error);
      log(`${id} FAILED: ${message}`);
      outcomes.push({ id, title, failure: message });
    }
  };

  const sizes = { render: size(10_000), jobs: size(50_000), events: size(10_000), emails: size(500) };
  await run('B4', 'daily digest rendering', () => benchRender(redis, { digests: sizes.render, rounds: ROUNDS }));
  await run('B1', 'dispatcher enqueue', () => benchEnqueue(redis, runPrefix, { jobs: sizes.jobs, rounds: ROUNDS }));
  await run('B3', 'repository writes', () => benchRepositoryWrites(redis, runPrefix, { events: sizes.events, rounds: ROUNDS }));
  await run('B6', 'email delivery workers', () => benchEmail(redis, runPrefix, { emails: sizes.emails, rounds: ROUNDS }));

  const page = renderPage({
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    mode: quick ? 'quick' : 'full',
    sizes: Object.entries(sizes).map(([name, value]) => `${name} ${value}`).join(', '),
    machine,
    outcomes,
    findings: [],
  });
  const target = quick ? join(tmpdir(), `ediary-bench-${process.pid}.md`) : join(__dirname, '../../docs/benchmarks.md');
  writeFileSync(target, page);
  log(`results written to ${target}`);
  redis.disconnect();

  // No mode fails on a ratio. Both fail on lost or duplicated messages, and on a benchmark
  // that could not run, because then nobody counted what reached the sinks.
  if (lostOrDuplicated) {
    log('FAILED: a benchmark lost or duplicated messages; see above');
    process.exitCode = 1;
  } else if (outcomes.some((outcome) => outcome.failure)) {
    log('FAILED: a benchmark could not run; see above');
    process.exitCode = 1;
  }
  // BullMQ and mongoose may keep idle sockets open; every benchmark has closed its own work.
  setTimeout(() => process.exit(), 500).unref();
}

main().catch((error: unknown) => {
  log(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
