import type { Redis } from 'ioredis';
import { redisCpuSeconds, serverCpuSeconds } from './environment';

/** CPU seconds used during one timed stage, per process that took part. */
export interface CpuSpent {
  process: number;
  redis: number;
  kafka: number | null;
  store: number | null;
}

/** One timed stage: how many events it handled, in how many seconds, at what CPU cost. */
export interface StageTiming {
  events: number;
  seconds: number;
  cpu: CpuSpent;
}

/** Times `work` and the CPU every server used meanwhile. The caller checks the result. */
export async function timeStage(redis: Redis, events: number, work: () => Promise<void>): Promise<StageTiming> {
  const redisBefore = await redisCpuSeconds(redis);
  const kafkaBefore = serverCpuSeconds('kafka');
  const storeBefore = serverCpuSeconds('ferretdb');
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();

  await work();

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  const kafkaAfter = serverCpuSeconds('kafka');
  const storeAfter = serverCpuSeconds('ferretdb');
  return {
    events,
    seconds,
    cpu: {
      process: (cpu.user + cpu.system) / 1e6,
      redis: (await redisCpuSeconds(redis)) - redisBefore,
      kafka: kafkaBefore === null || kafkaAfter === null ? null : kafkaAfter - kafkaBefore,
      store: storeBefore === null || storeAfter === null ? null : storeAfter - storeBefore,
    },
  };
}

/**
 * One side of a comparison. `run` prepares its own data untimed, times the stage with
 * timeStage, and throws when the stage lost or duplicated anything.
 */
export type Side = (round: string) => Promise<StageTiming>;

export interface Comparison {
  id: string;
  title: string;
  goal: number;
  rounds: { baseline: StageTiming; system: StageTiming; ratio: number }[];
  ratio: { median: number; min: number; max: number };
  /** Extra lines for the results page, such as a latency percentile. */
  notes: string[];
  /** p99 latency in milliseconds, for the benchmarks that measure one. */
  latencyP99Ms?: number;
}

/**
 * Runs one warm-up of each side, then baseline and system alternately `rounds` times, so
 * that noise from other work on the machine hits both sides alike. The ratio is system
 * throughput over baseline throughput of the same round.
 */
export async function compare(
  spec: { id: string; title: string; goal: number; rounds: number },
  baseline: Side,
  system: Side,
): Promise<Comparison> {
  log(`${spec.id}: warm-up`);
  await baseline('warmup');
  await system('warmup');

  const rounds: Comparison['rounds'] = [];
  for (let index = 1; index <= spec.rounds; index += 1) {
    const base = await baseline(`r${index}`);
    const sys = await system(`r${index}`);
    const ratio = throughput(sys) / throughput(base);
    rounds.push({ baseline: base, system: sys, ratio });
    log(`${spec.id}: round ${index}: baseline ${throughput(base).toFixed(0)}/s, system ${throughput(sys).toFixed(0)}/s, ratio ${ratio.toFixed(2)}`);
  }
  const ratios = rounds.map((round) => round.ratio).sort((a, b) => a - b);
  return {
    id: spec.id,
    title: spec.title,
    goal: spec.goal,
    rounds,
    ratio: { median: median(ratios), min: ratios[0] ?? NaN, max: ratios[ratios.length - 1] ?? NaN },
    notes: [],
  };
}

export const throughput = (timing: StageTiming) => timing.events / timing.seconds;

export function median(sorted: number[]): number {
  if (sorted.length === 0) return NaN;
  const upper = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  const lower = sorted[Math.ceil(sorted.length / 2) - 1] ?? NaN;
  return (lower + upper) / 2;
}

/** Describes where a stage's time went, such as "guardians.findByStudents 12.3 s (81 %)", largest first. */
export function describeSpent(spent: Map<string, number>, stageSeconds: number): string {
  return [...spent.entries()]
    .sort(([, left], [, right]) => right - left)
    .map(([label, seconds]) => `${label} ${seconds.toFixed(1)} s (${((seconds / stageSeconds) * 100).toFixed(0)} %)`)
    .join(', ');
}

/** Nearest-rank percentile of unsorted values. */
export function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? NaN;
}

/**
 * A benchmark without a baseline to divide by, such as the SMS rate limit or the
 * exam-result burst: checks against a stated goal, with the figures that back them.
 */
export interface Measurement {
  id: string;
  title: string;
  /** The goal as the results page states it, such as "no second above 20 segments". */
  goal: string;
  /** The measured figures in one line, such as "max 20 segments in a second, 97 % used". */
  result: string;
  met: boolean;
  /** Extra lines for the "How each benchmark is measured" section. */
  notes: string[];
}

/** Thrown when a benchmark delivered fewer or more messages than it sent. */
export class LostOrDuplicatedError extends Error {
  constructor(what: string, expected: number, actual: number) {
    super(`${what}: expected ${expected}, found ${actual} (${actual < expected ? 'lost' : 'duplicated'} ${Math.abs(actual - expected)})`);
    this.name = 'LostOrDuplicatedError';
  }
}

export function expectCount(what: string, expected: number, actual: number): void {
  if (actual !== expected) throw new LostOrDuplicatedError(what, expected, actual);
}

/** Calls `check` every `pollMs` until it returns true; throws after `timeoutMs`, naming `what`. */
export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs: number, pollMs = 100): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Runs `task` over `items` with at most `limit` calls in flight. */
export async function inParallel<T>(items: readonly T[], limit: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (let index = next; index < items.length; index = next) {
      next += 1;
      await task(items[index] as T);
    }
  });
  await Promise.all(lanes);
}

export function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
