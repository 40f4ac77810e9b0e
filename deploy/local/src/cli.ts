import { infraDown, infraStatus, infraUp, InfraUpError, type ServerReport } from './local-infra';
import { formatReports } from './report-format';
import { resolveInfraPaths } from './paths';
import { liveUsers } from './server-users';

const USAGE = 'usage: infra <up|status|down>  (npm run infra:up, infra:status, infra:down)';

function printReports(reports: ServerReport[]): void {
  for (const line of formatReports(reports)) console.log(line);
}

async function main(command: string | undefined): Promise<number> {
  const paths = resolveInfraPaths();
  switch (command) {
    case 'up':
      console.log(`Data and logs: ${paths.home}`);
      try {
        printReports(await infraUp(paths));
      } catch (error) {
        if (!(error instanceof InfraUpError)) throw error;
        printReports(error.reports);
        console.error(`infra:up failed: ${error.message}`);
        return 1;
      }
      return 0;
    case 'status': {
      const reports = await infraStatus(paths);
      printReports(reports);
      return reports.every((report) => report.state === 'running' || report.state === 'external') ? 0 : 1;
    }
    case 'down': {
      const users = liveUsers(paths);
      if (users.length > 0) {
        const pids = users.map((user) => user.pid).join(', ');
        console.log(`note: test runs with pid ${pids} still use these servers, so their tests will fail`);
      }
      printReports(await infraDown(paths));
      return 0;
    }
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
