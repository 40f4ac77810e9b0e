import { ConfigError } from '@ediary/config';
import { runIssueApiKeyCli } from '@ediary/http-api';
import { loadContactsConfig } from './contacts.config';

// Usage: npm run api-key:contacts -- --role operator --client "Канцелярия школы № 17"
async function main(): Promise<number> {
  try {
    return await runIssueApiKeyCli(process.argv.slice(2), loadContactsConfig().mongo);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    process.stderr.write(`issuing the API key failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

void main().then((code) => {
  process.exitCode = code;
});
