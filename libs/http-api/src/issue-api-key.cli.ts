import { ConfigError } from '@ediary/config';
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { ApiKeyRepository } from './api-key.repository';
import { API_KEY_ROLES, ApiKey, ApiKeySchema, type ApiKeyRole } from './api-key.schema';

const USAGE = 'usage: issue-api-key --role <journal|operator> --client "<who gets the key>"';

/**
 * Issues an API key in a service's database and prints it once. Each service's
 * `src/issue-api-key.ts` calls this with its own validated configuration.
 */
export async function runIssueApiKeyCli(argv: string[], mongo: { url: string; dbName: string }): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { role: { type: 'string' }, client: { type: 'string' } } });
  const role = values.role as ApiKeyRole | undefined;
  if (!role || !API_KEY_ROLES.includes(role) || !values.client?.trim()) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const connection = await mongoose.createConnection(mongo.url, { dbName: mongo.dbName }).asPromise();
  try {
    const model = connection.model(ApiKey.name, ApiKeySchema);
    await model.init();
    const issued = await new ApiKeyRepository(model).issue(role, values.client.trim());
    process.stdout.write(`${issued.apiKey}\n`);
    process.stderr.write(`issued key ${issued.keyId} with role ${role}; store it now, it is not shown again\n`);
    return 0;
  } finally {
    await connection.close();
  }
}

/**
 * Runs the key-issuing CLI of one service as a process entry point: loads the service's
 * configuration, issues the key, and sets the exit code (2 for invalid arguments or
 * environment, 1 when the database cannot be reached).
 */
export function issueApiKeyMain(loadMongo: () => { url: string; dbName: string }): void {
  const run = async (): Promise<number> => {
    let mongo: { url: string; dbName: string };
    try {
      mongo = loadMongo();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    return runIssueApiKeyCli(process.argv.slice(2), mongo);
  };
  run().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`issuing the API key failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
