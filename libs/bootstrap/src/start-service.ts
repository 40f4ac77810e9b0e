import 'reflect-metadata';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError, type ServiceConfig } from '@ediary/config';
import { Logger } from 'nestjs-pino';

/**
 * Loads the configuration, boots the service's root module and serves HTTP until
 * SIGTERM. An invalid environment ends the process with exit code 2 and the list of
 * offending variables; any other failure to start, with exit code 1.
 */
export async function startService<Config extends ServiceConfig>(
  loadConfig: () => Config,
  rootModule: (config: Config) => DynamicModule,
): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(2);
  }

  try {
    const app = await NestFactory.create<NestExpressApplication>(rootModule(config), { bufferLogs: true });
    app.useLogger(app.get(Logger));
    // A batch of 500 marks is about 125 kB, over express's default limit of 100 kB.
    app.useBodyParser('json', { limit: '2mb' });
    app.enableShutdownHooks();
    await app.listen(config.http.port, config.http.host);
    app.get(Logger).log(`${config.service} listening on ${config.http.host}:${config.http.port}`);
  } catch (error) {
    process.stderr.write(`${config.service} failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  }
}
