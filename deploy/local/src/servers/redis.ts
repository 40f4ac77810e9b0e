import { dataDir } from '../paths';
import { exchangeTcp } from '../probes';
import { captureCommand, runCommand } from '../run-command';
import type { ServerSpec } from '../server-spec';

const HOST = '127.0.0.1';

async function ensureRedisInstalled(): Promise<void> {
  const version = await captureCommand('redis-server', ['--version']);
  if (version !== null) {
    const major = /v=(\d+)\./.exec(version)?.[1];
    if (major !== undefined && Number(major) < 7) {
      throw new Error(`redis: redis-server ${major}.x is installed, but BullMQ here needs Redis 7 or later`);
    }
    return;
  }
  if (process.getuid?.() !== 0) {
    throw new Error('redis: redis-server is not installed; run `sudo apt-get install -y redis-server`, then infra:up again');
  }
  console.log("redis: installing Debian's redis-server package with apt-get (first run only)…");
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  await runCommand('apt-get', ['update', '-q'], { env });
  await runCommand('apt-get', ['install', '-y', '-q', 'redis-server'], { env });
}

/**
 * Redis 7 from Debian's package. Append-only persistence and noeviction, because
 * BullMQ keeps queued jobs in Redis: a restart or a full memory must not drop one.
 */
export function redisServer(options: { name?: string; port?: number } = {}): ServerSpec {
  const name = options.name ?? 'redis';
  const port = options.port ?? 6379;
  return {
    name,
    host: HOST,
    port,
    startTimeoutMs: 15_000,
    install: ensureRedisInstalled,
    launch(paths) {
      return {
        command: 'redis-server',
        args: [
          '--bind', HOST,
          '--port', String(port),
          '--dir', dataDir(paths, name),
          '--appendonly', 'yes',
          '--appendfsync', 'everysec',
          '--maxmemory-policy', 'noeviction',
          '--save', '',
          '--daemonize', 'no',
          '--protected-mode', 'yes',
        ],
      };
    },
    probe: async () => (await exchangeTcp(HOST, port, 'PING\r\n'))?.startsWith('+PONG') ?? false,
  };
}
