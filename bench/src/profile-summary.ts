import { readFileSync } from 'node:fs';

/**
 * Prints the functions with the most self time in a V8 .cpuprofile written by
 * `node --cpu-prof`. Usage: node -r @swc-node/register bench/src/profile-summary.ts FILE [COUNT]
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

const [file, countArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: profile-summary.ts FILE.cpuprofile [COUNT]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicros = new Map<string, number>();
let total = 0;
profile.samples.forEach((nodeId, index) => {
  const node = byId.get(nodeId);
  const delta = profile.timeDeltas[index] ?? 0;
  total += delta;
  if (!node) return;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/work\/main\//, '')}:${lineNumber + 1}` : '';
  const key = `${functionName || '(anonymous)'} ${where}`.trim();
  selfMicros.set(key, (selfMicros.get(key) ?? 0) + delta);
});

const top = [...selfMicros.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(countArg ?? 15));
for (const [name, micros] of top) {
  process.stdout.write(`${((micros / total) * 100).toFixed(1).padStart(5)} %  ${name}\n`);
}
