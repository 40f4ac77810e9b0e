import type { MachineReport } from './environment';
import type { Comparison, Measurement, StageTiming } from './measure';

export interface BenchOutcome {
  id: string;
  title: string;
  comparison?: Comparison;
  /** Set instead of `comparison` for a benchmark checked against a goal without a baseline. */
  measurement?: Measurement;
  /** Reason the benchmark did not run or failed, shown on the page in place of figures. */
  failure?: string;
}

const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '—');

function cpuPerEvent(timings: StageTiming[]): string {
  const events = timings.reduce((sum, timing) => sum + timing.events, 0);
  const micros = (pick: (timing: StageTiming) => number | null) => {
    const values = timings.map(pick);
    if (values.some((value) => value === null)) return '—';
    return fixed(((values as number[]).reduce((sum, value) => sum + value, 0) / events) * 1e6, 0);
  };
  return `${micros((t) => t.cpu.process)} / ${micros((t) => t.cpu.redis)} / ${micros((t) => t.cpu.kafka)} / ${micros((t) => t.cpu.store)}`;
}

/** Renders the results page in Markdown. */
export function renderPage(input: { date: string; mode: string; sizes: string; machine: MachineReport; outcomes: BenchOutcome[]; findings: string[] }): string {
  const { machine } = input;
  const lines = [
    '# Benchmarks',
    '',
    `Run of ${input.date}, ${input.mode} mode, by \`npm run bench\` (bench/src/main.ts). Sizes: ${input.sizes}.`,
    '',
    'Every figure is a ratio to a baseline measured in the same run, because the machine is shared',
    'and its absolute speed varies from minute to minute. Each benchmark runs one warm-up of both',
    'sides, then baseline and system alternately five times. The ratio is system throughput over',
    'baseline throughput of the same round, so 1.0 means as fast as the raw library.',
    'Every round also counts what reached its sink and fails if anything was lost or duplicated.',
    '',
    '## Machine',
    '',
    `- ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB memory`,
    `- Node ${machine.node}; Kafka ${machine.kafka}; FerretDB ${machine.ferretDb} (buildInfo: ${machine.storeBuildInfo}) on SQLite; Redis ${machine.redis}`,
    '',
    '## Results',
    '',
    '| id | system | goal | median ratio | min | max | met | CPU µs per event, system side: process / Redis / Kafka / store |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const outcome of input.outcomes) {
    const comparison = outcome.comparison;
    if (outcome.measurement) continue;
    if (!comparison) {
      lines.push(`| ${outcome.id} | ${outcome.title} | | | | | not measured | ${outcome.failure ?? ''} |`);
      continue;
    }
    const met = comparison.ratio.median >= comparison.goal ? 'yes' : 'no';
    lines.push(
      `| ${comparison.id} | ${comparison.title} | >= ${comparison.goal} | ${fixed(comparison.ratio.median)} | ${fixed(comparison.ratio.min)} | ${fixed(comparison.ratio.max)} | ${met} | ${cpuPerEvent(comparison.rounds.map((round) => round.system))} |`,
    );
  }
  const measured = input.outcomes.filter((outcome) => outcome.measurement);
  if (measured.length > 0) {
    lines.push('', 'Benchmarks checked against a goal, without a baseline:', '', '| id | system | goal | result | met |', '|---|---|---|---|---|');
    for (const { measurement } of measured) {
      if (measurement) lines.push(`| ${measurement.id} | ${measurement.title} | ${measurement.goal} | ${measurement.result} | ${measurement.met ? 'yes' : 'no'} |`);
    }
  }
  lines.push('', 'CPU of the baseline side, in the same units:', '');
  for (const outcome of input.outcomes) {
    if (outcome.comparison) lines.push(`- ${outcome.id}: ${cpuPerEvent(outcome.comparison.rounds.map((round) => round.baseline))}`);
  }
  lines.push('', '## How each benchmark is measured', '');
  for (const outcome of input.outcomes) {
    const notes = outcome.comparison?.notes ?? outcome.measurement?.notes ?? [];
    lines.push(`- ${outcome.id}, ${outcome.title}. ${notes.join(' ')}${outcome.failure ? ` Not measured: ${outcome.failure}` : ''}`);
  }
  if (input.findings.length > 0) lines.push('', '## Findings', '', ...input.findings);
  return `${lines.join('\n')}\n`;
}
