import type { ServerReport } from './local-infra';

/** Formats one line per server: name, address, state, then notes in brackets. */
export function formatReports(reports: readonly ServerReport[]): string[] {
  const width = Math.max(...reports.map((report) => report.name.length));
  return reports.map((report) => {
    const notes: string[] = [];
    if (report.started === true) notes.push('started');
    if (report.started === false) notes.push('already running');
    if (report.note) notes.push(report.note);
    const suffix = notes.map((note) => `  (${note})`).join('');
    return `${report.name.padEnd(width)}  ${report.address.padEnd(16)}  ${report.state}${suffix}`;
  });
}
