import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import {
  inspectServer,
  pidFile,
  redisServer,
  resolveInfraPaths,
  startServer,
  stopServer,
  type InfraPaths,
} from '@ediary/local-infra';
import { freePort } from './free-port';
import { testInfra } from './test-env';

describe('local server supervisor', () => {
  let paths: InfraPaths;

  beforeAll(() => {
    paths = { home: join(testInfra().scratchDir, 'supervisor'), cache: resolveInfraPaths().cache };
  });

  it('starts a server once and leaves it alone on a second start', async () => {
    const spec = redisServer({ name: 'redis-twice', port: await freePort() });

    const first = await startServer(paths, spec);
    const pid = readFileSync(pidFile(paths, spec.name), 'utf8');
    const second = await startServer(paths, spec);

    expect(first).toBe(true);
    expect(second).toBe(false);
    expect(readFileSync(pidFile(paths, spec.name), 'utf8')).toBe(pid);
    expect((await inspectServer(paths, spec)).state).toBe('running');
    await stopServer(paths, spec);
  });

  it('reports a stopped server as stopped', async () => {
    const spec = redisServer({ name: 'redis-stop', port: await freePort() });
    await startServer(paths, spec);

    const stopped = await stopServer(paths, spec);

    expect(stopped).toBe(true);
    expect((await inspectServer(paths, spec)).state).toBe('stopped');
  });

  it('refuses a port held by a foreign process', async () => {
    const port = await freePort();
    const sockets = new Set<Socket>();
    const squatter: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      // Probes hang up abruptly; a reset is expected here.
      socket.on('error', () => undefined);
      socket.end('not redis\r\n');
    });
    await new Promise<void>((resolvePromise) => squatter.listen(port, '127.0.0.1', resolvePromise));
    const spec = redisServer({ name: 'redis-squatted', port });

    try {
      await expect(startServer(paths, spec)).rejects.toThrow(`redis-squatted: 127.0.0.1:${port} is taken`);
      expect((await inspectServer(paths, spec)).state).toBe('port-taken');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolvePromise) => squatter.close(resolvePromise));
    }
  });
});
