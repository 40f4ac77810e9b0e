/**
 * Runs the mail sink as a process:
 *   node -r @swc-node/register deploy/local/src/mail-sink/main.ts --host 127.0.0.1 --port 1025 --data-dir .infra/mail
 * Exits with status 2 on invalid arguments.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { startMailSink } from './mail-sink';

const USAGE = `Usage: main.ts --data-dir <dir> [--host <address>] [--port <port>]

  --data-dir <dir>    directory for messages/<id>.eml and index.jsonl, created if missing (required)
  --host <address>    address to listen on (default 127.0.0.1)
  --port <port>       TCP port from 0 to 65535, 0 picks a free one (default 1025)
  --help              print this help`;

interface MailSinkArgs {
  host: string;
  port: number;
  dataDir: string;
}

function parseMailSinkArgs(argv: string[]): MailSinkArgs | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '1025' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });

  if (values.help) return 'help';
  if (positionals.length > 0) {
    throw new Error(`unexpected argument ${JSON.stringify(positionals[0])}`);
  }

  const dataDir = values['data-dir'];
  if (!dataDir) {
    throw new Error('missing --data-dir');
  }
  if (!values.host) {
    throw new Error('--host must not be empty');
  }
  if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) {
    throw new Error(`invalid --port ${JSON.stringify(values.port)}: expected an integer from 0 to 65535`);
  }

  return { host: values.host, port: Number(values.port), dataDir: resolve(dataDir) };
}

async function main(): Promise<void> {
  let args: MailSinkArgs | 'help';
  try {
    args = parseMailSinkArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`mail-sink: ${(error as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  const logger = pino({ name: 'mail-sink' });
  const sink = await startMailSink({ ...args, logger });
  logger.info({ host: args.host, port: sink.port, dataDir: args.dataDir }, 'Mail sink listening');

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'Second signal received, exiting without waiting for connections');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'Mail sink stopping');
    sink.close().then(
      () => logger.info('Mail sink stopped'),
      (error: unknown) => {
        logger.error({ err: error }, 'Failed to close the mail sink');
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`mail-sink: failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
