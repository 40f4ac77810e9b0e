import { ConfigError } from '@ediary/config';
import { runIssueApiKeyCli } from '@ediary/http-api';
import { loadGradesConfig } from './grades.config';

/**
 * Issues an API key in the grades database and prints it once, e.g.
 * `npm run api-key:grades -- --role journal --client "Электронный журнал"`.
 * Exits 2 on invalid arguments or environment, 1 when the database cannot be reached.
 */
async function main(): Promise<number> {
  let config;
  try {
    config = loadGradesConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  return runIssueApiKeyCli(process.argv.slice(2), config.mongo);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`issuing the API key failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
