import { ConfigError } from '@ediary/config';
import { runIssueApiKeyCli } from '@ediary/http-api';
import { loadConsentConfig } from './consent.config';

// Usage: npm run api-key:consent -- --role operator --client "Канцелярия школы № 17"
async function main(): Promise<number> {
  try {
    return await runIssueApiKeyCli(process.argv.slice(2), loadConsentConfig().mongo);
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
