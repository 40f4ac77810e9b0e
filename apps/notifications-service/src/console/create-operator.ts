import mongoose from 'mongoose';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { commonEnvFields, ConfigError, envFieldTypes, loadConfig, toServiceConfig } from '@ediary/config';
import { ConsoleAuthRepository, OperatorLoginTakenError } from './console-auth.repository';
import { ConsoleSession, ConsoleSessionSchema, OperatorAccount, OperatorAccountSchema, SignInFailures, SignInFailuresSchema } from './console-auth.schema';
import { ConsoleAuthService, InvalidOperatorInputError } from './console-auth.service';
import { loadConsoleConfig } from './console.config';
import { PasswordService } from './password.service';

const USAGE = 'usage: create-operator --login <login> [--password-stdin] < file-with-password';

/** Reads the whole of a stream as UTF-8 text. */
async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Creates an operator account for the console. The password is read from standard input,
 * never from the command line, where other users of the machine could see it in the process list.
 */
export async function runCreateOperatorCli(
  argv: string[],
  stdin: NodeJS.ReadableStream,
  mongo: { url: string; dbName: string },
): Promise<number> {
  let login: string | undefined;
  try {
    ({ values: { login } } = parseArgs({ args: argv, options: { login: { type: 'string' }, 'password-stdin': { type: 'boolean' } } }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (!login) {
    process.stderr.write(`missing --login\n${USAGE}\n`);
    return 2;
  }
  // One trailing line break comes from `echo` or a file; anything else belongs to the password.
  const password = (await readAll(stdin)).replace(/\r?\n$/, '');

  const connection = await mongoose.createConnection(mongo.url, { dbName: mongo.dbName }).asPromise();
  try {
    const accounts = connection.model(OperatorAccount.name, OperatorAccountSchema);
    await accounts.init();
    const repository = new ConsoleAuthRepository(
      accounts,
      connection.model(ConsoleSession.name, ConsoleSessionSchema),
      connection.model(SignInFailures.name, SignInFailuresSchema),
    );
    await new ConsoleAuthService(loadConsoleConfig(), repository, new PasswordService()).createOperator(login, password);
    process.stderr.write(`created operator account ${login.trim().toLowerCase()}\n`);
    return 0;
  } catch (error) {
    if (error instanceof InvalidOperatorInputError || error instanceof OperatorLoginTakenError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    await connection.close();
  }
}

const mongoEnvSchema = z
  .object({ ...commonEnvFields, HTTP_PORT: envFieldTypes.port(3004) })
  .transform((env) => toServiceConfig('notifications-service', 'notifications', env).mongo);

if (require.main === module) {
  let mongo: { url: string; dbName: string };
  try {
    mongo = loadConfig(mongoEnvSchema);
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(2);
  }
  runCreateOperatorCli(process.argv.slice(2), process.stdin, mongo).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
