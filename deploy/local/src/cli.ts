import { infraDown, infraStatus, infraUp, type ServerReport } from './local-infra';
import { resolveInfraPaths } from './paths';

const USAGE = 'usage: infra <up|status|down>  (npm run infra:up, infra:status, infra:down)';

function printReports(reports: ServerReport[]): void {
  const width = Math.max(...reports.map((report) => report.name.length));
  for (const report of reports) {
    let note = '';
    if (report.started === true) note = '  (started)';
    if (report.started === false) note = '  (already running)';
    console.log(`${report.name.padEnd(width)}  ${report.address.padEnd(16)}  ${report.state}${note}`);
  }
}

async function main(command: string | undefined): Promise<number> {
  const paths = resolveInfraPaths();
  switch (command) {
    case 'up':
      console.log(`Data and logs: ${paths.home}`);
      printReports(await infraUp(paths));
      return 0;
    case 'status': {
      const reports = await infraStatus(paths);
      printReports(reports);
      return reports.every((report) => report.state === 'running' || report.state === 'external') ? 0 : 1;
    }
    case 'down':
      printReports(await infraDown(paths));
      return 0;
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
