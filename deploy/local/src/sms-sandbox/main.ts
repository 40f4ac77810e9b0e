/**
 * Runs the SMS sandbox as a process:
 *   node -r @swc-node/register deploy/local/src/sms-sandbox/main.ts --host 127.0.0.1 --port 3090 \
 *     --data-dir .infra/sms --account-sid AC00000000000000000000000000000001 --auth-token local-sandbox-token
 * Exits with status 2 on invalid arguments.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { startSmsSandbox } from './sms-sandbox';

const USAGE = `Usage: main.ts --data-dir <dir> --account-sid <AC...> --auth-token <token> [options]

  --data-dir <dir>           directory for messages.jsonl, created if missing (required)
  --account-sid <sid>        account SID that clients must use, 'AC' and 32 hex digits (required)
  --auth-token <token>       auth token that clients must use (required)
  --host <address>           address to listen on (default 127.0.0.1)
  --port <port>              TCP port from 0 to 65535, 0 picks a free one (default 3090)
  --callback-delay-ms <ms>   milliseconds between status steps of a message (default 100)
  --help                     print this help`;

interface SmsSandboxArgs {
  host: string;
  port: number;
  dataDir: string;
  accountSid: string;
  authToken: string;
  callbackDelayMs: number;
}

function parseSmsSandboxArgs(argv: string[]): SmsSandboxArgs | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '3090' },
      'data-dir': { type: 'string' },
      'account-sid': { type: 'string' },
      'auth-token': { type: 'string' },
      'callback-delay-ms': { type: 'string', default: '100' },
      help: { type: 'boolean', default: false },
    },
  });

  if (values.help) return 'help';
  if (positionals.length > 0) {
    throw new Error(`unexpected argument ${JSON.stringify(positionals[0])}`);
  }

  const dataDir = values['data-dir'];
  const accountSid = values['account-sid'];
  const authToken = values['auth-token'];
  if (!dataDir) throw new Error('missing --data-dir');
  if (!accountSid) throw new Error('missing --account-sid');
  if (!authToken) throw new Error('missing --auth-token');
  if (!/^AC[0-9a-fA-F]{32}$/.test(accountSid)) {
    throw new Error(`invalid --account-sid ${JSON.stringify(accountSid)}: expected 'AC' and 32 hex digits`);
  }
  if (!values.host) {
    throw new Error('--host must not be empty');
  }
  if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) {
    throw new Error(`invalid --port ${JSON.stringify(values.port)}: expected an integer from 0 to 65535`);
  }
  if (!/^\d{1,7}$/.test(values['callback-delay-ms'])) {
    throw new Error(`invalid --callback-delay-ms ${JSON.stringify(values['callback-delay-ms'])}: expected an integer number of milliseconds`);
  }

  return {
    host: values.host,
    port: Number(values.port),
    dataDir: resolve(dataDir),
    accountSid,
    authToken,
    callbackDelayMs: Number(values['callback-delay-ms']),
  };
}

async function main(): Promise<void> {
  let args: SmsSandboxArgs | 'help';
  try {
    args = parseSmsSandboxArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`sms-sandbox: ${(error as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  const logger = pino({ name: 'sms-sandbox' });
  const sandbox = await startSmsSandbox({ ...args, logger });
  // The auth token is a secret even here, so it is left out of the log.
  logger.info({ url: sandbox.url, dataDir: args.dataDir, accountSid: args.accountSid }, 'SMS sandbox listening');

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'Second signal received, exiting without waiting for requests');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'SMS sandbox stopping');
    sandbox.close().then(
      () => logger.info('SMS sandbox stopped'),
      (error: unknown) => {
        logger.error({ err: error }, 'Failed to close the SMS sandbox');
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`sms-sandbox: failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
