import { runIssueApiKeyCli } from '@ediary/http-api';
import { loadNotificationsConfig } from './notifications.config';

runIssueApiKeyCli(process.argv.slice(2), loadNotificationsConfig().mongo).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
