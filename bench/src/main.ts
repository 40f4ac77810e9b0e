import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { benchEnqueue } from './b1-enqueue';
import { benchKafkaToQueue } from './b2-kafka-to-queue';
import { benchRepositoryWrites } from './b3-repository-writes';
import { benchRender } from './b4-render';
import { benchDigestRun } from './b5-digest-run';
import { benchEmail } from './b6-email';
import { benchSms } from './b6-sms';
import { benchExamBurst } from './b7-exam-burst';
import { describeMachine, ENDPOINTS, ensureInfra } from './environment';
import { LostOrDuplicatedError, log, type Comparison, type Measurement } from './measure';
import { renderPage, type BenchOutcome } from './report';

const quick = process.argv.includes('--quick');
/** `--only=B3,B6` runs only the named benchmarks, e.g. under `node --cpu-prof`. */
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');

/**
 * Sizes of the table in docs/benchmarks.md. The local store reads the whole collection for
 * each single-document lookup. So B2, B6 and B7, whose system sides look notifications up one
 * at a time, run below the stated load, which keeps a full run under half an hour on a 2-core
 * machine (the last one took 20 minutes). Quick mode divides every size by 50 for CI.
 */
const SCALE = quick ? 1 / 50 : 1;
const size = (full: number) => Math.max(20, Math.round(full * SCALE));
const ROUNDS = 5;
/**
 * Hand-written analysis of the last full run (profiles, causes, fixes), copied into the
 * page under "Findings" so that a new run keeps it. Update it when the figures change.
 */
const FINDINGS_FILE = join(__dirname, '../findings.md');
/** Limit of B6-SMS, the service's default SMS_RATE_SEGMENTS_PER_SECOND. */
const SMS_SEGMENTS_PER_SECOND = 30;
/**
 * SMS of B6-SMS, sized by sending time rather than SCALE: at 2 segments per message and
 * 30 segments/s, quick mode sends for about 8 s and full mode for about 60 s.
 */
const SMS_MESSAGES = quick ? 120 : 900;

async function main(): Promise<void> {
  await ensureInfra();
  const redis = new Redis(ENDPOINTS.redisUrl);
  const runPrefix = `bench-${Date.now().toString(36)}-${process.pid}`;
  const machine = await describeMachine(redis);
  const outcomes: BenchOutcome[] = [];
  let lostOrDuplicated = false;

  const run = async (id: string, title: string, bench: () => Promise<Comparison | Measurement>) => {
    if (only && !only.includes(id)) return;
    try {
      const result = await bench();
      outcomes.push('rounds' in result ? { id, title, comparison: result } : { id, title, measurement: result });
    } catch (error) {
      if (error instanceof LostOrDuplicatedError) lostOrDuplicated = true;
      const message = error instanceof Error ? error.message : String(error);
      log(`${id} FAILED: ${message}`);
      outcomes.push({ id, title, failure: message });
    }
  };

  // B5 runs 200 guardians, not the stated 100,000. DigestService.run updates every digest item,
  // and the local store scans the whole collection for each updated document. So a run's time
  // grows with the square of the size: about 26 s for 200 guardians on a 2-core machine.
  const sizes = { render: size(10_000), jobs: size(50_000), markEvents: size(50_000), gradeEvents: size(5_000), emails: size(500), digestGuardians: size(200), sms: SMS_MESSAGES, examResults: size(1_000) };
  await run('B4', 'daily digest rendering', () => benchRender(redis, { digests: sizes.render, rounds: ROUNDS }));
  await run('B1', 'dispatcher enqueue', () => benchEnqueue(redis, runPrefix, { jobs: sizes.jobs, rounds: ROUNDS }));
  await run('B2', 'Kafka to queue', () => benchKafkaToQueue(redis, runPrefix, { events: sizes.gradeEvents, rounds: ROUNDS }));
  await run('B3', 'repository writes', () => benchRepositoryWrites(redis, runPrefix, { events: sizes.markEvents, rounds: ROUNDS }));
  await run('B5', 'daily digest run', () => benchDigestRun(redis, runPrefix, { guardians: sizes.digestGuardians, rounds: ROUNDS }));
  await run('B6', 'email delivery workers', () => benchEmail(redis, runPrefix, { emails: sizes.emails, rounds: ROUNDS }));
  await run('B6-SMS', 'SMS delivery workers', () => benchSms(redis, runPrefix, { messages: sizes.sms, segmentsPerSecond: SMS_SEGMENTS_PER_SECOND }));
  await run('B7', 'exam-result burst', () => benchExamBurst(redis, runPrefix, { results: sizes.examResults }));

  const page = renderPage({
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    mode: quick ? 'quick' : 'full',
    sizes: Object.entries(sizes).map(([name, value]) => `${name} ${value}`).join(', '),
    machine,
    outcomes,
    findings: existsSync(FINDINGS_FILE) ? [readFileSync(FINDINGS_FILE, 'utf8').trimEnd()] : [],
  });
  // Only a full run of every benchmark replaces the page; quick and partial runs go to a temporary file.
  const target = quick || only ? join(tmpdir(), `ediary-bench-${process.pid}.md`) : join(__dirname, '../../docs/benchmarks.md');
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
