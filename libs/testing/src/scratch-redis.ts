import { join } from 'node:path';
import { redisServer, resolveInfraPaths, startServer, stopServer, type InfraPaths } from '@ediary/local-infra';
import { testInfra } from './test-env';
import { freePort } from './free-port';

/** A Redis server of one test's own, so the test may stop and restart it. */
export interface ScratchRedis {
  url: string;
  port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
  restart(): Promise<void>;
}


/**
 * Starts a redis-server with the same settings as the shared one, on a free port, with
 * its data under the run's scratch folder.
 * NOTE: needs redis-server on the PATH, also when the run uses Docker images.
 */
export async function startScratchRedis(label: string): Promise<ScratchRedis> {
  const port = await freePort();
  const spec = redisServer({ name: `redis-${label}-${port}`, port });
  const paths: InfraPaths = { home: join(testInfra().scratchDir, spec.name), cache: resolveInfraPaths().cache };
  const handle: ScratchRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    start: async () => {
      await startServer(paths, spec);
    },
    stop: async () => {
      await stopServer(paths, spec);
    },
    restart: async () => {
      await stopServer(paths, spec);
      await startServer(paths, spec);
    },
  };
  await handle.start();
  return handle;
}
