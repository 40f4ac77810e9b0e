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
