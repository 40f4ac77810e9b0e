import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { dataDir, REPO_ROOT, type InfraPaths } from '../paths';
import { runCommand } from '../run-command';
import type { ServerSpec } from '../server-spec';
import { compareVersions, findTool, toolError, type ToolRequirement, type ToolVersion } from '../tools';

const HOST = '127.0.0.1';
const PORT = 27017;
const SOURCE_DIR = join(REPO_ROOT, 'deploy/local/ferretdb');
const SOURCE_FILES = ['go.mod', 'go.sum', 'main.go'];

/** The FerretDB version pinned in deploy/local/ferretdb/go.mod. */
export function ferretDbVersion(): string {
  const match = /github\.com\/FerretDB\/FerretDB (v[\d.]+)/.exec(readFileSync(join(SOURCE_DIR, 'go.mod'), 'utf8'));
  if (!match?.[1]) throw new Error('deploy/local/ferretdb/go.mod does not require github.com/FerretDB/FerretDB');
  return match[1];
}

/** The Go version on the `go` line of deploy/local/ferretdb/go.mod. */
function goDirective(): ToolVersion {
  const match = /^go (\d+)\.(\d+)/m.exec(readFileSync(join(SOURCE_DIR, 'go.mod'), 'utf8'));
  if (!match) throw new Error('deploy/local/ferretdb/go.mod has no `go` line');
  return [Number(match[1]), Number(match[2])];
}

/** Go 1.21 was the first release that downloads the toolchain that a go.mod requires. */
const FIRST_TOOLCHAIN_SWITCHING_GO: ToolVersion = [1, 21];

/**
 * Checks for the go command. A Go older than go.mod's but from 1.21 on is accepted,
 * because it fetches the newer toolchain itself.
 */
async function requireGo(): Promise<void> {
  const required = goDirective();
  const requirement: ToolRequirement = {
    server: 'ferretdb',
    command: 'go',
    versionArgs: ['version'],
    versionPattern: /go(\d+)\.(\d+)/,
    needed: `Go ${required.join('.')} or later`,
    purpose: 'to build FerretDB (deploy/local/ferretdb)',
    installHint: 'install it from https://go.dev/doc/install or your package manager and put `go` on the PATH',
  };
  const found = await findTool(requirement);
  if (found === null || compareVersions(found, required) >= 0) return;
  if (compareVersions(found, FIRST_TOOLCHAIN_SWITCHING_GO) < 0) {
    throw toolError(requirement, `\`go\` is version ${found.join('.')}`);
  }
  console.log(
    `ferretdb: go ${found.join('.')} is older than the go ${required.join('.')} in deploy/local/ferretdb/go.mod; ` +
      'go will download that toolchain through the Go module proxy unless GOTOOLCHAIN=local',
  );
}

/** The cached binary is keyed by its sources, so editing the wrapper rebuilds it. */
function binaryPath(paths: InfraPaths): string {
  const hash = createHash('sha256');
  for (const file of SOURCE_FILES) hash.update(readFileSync(join(SOURCE_DIR, file)));
  return join(paths.cache, `ferretdb-${ferretDbVersion()}-${hash.digest('hex').slice(0, 12)}`, 'ferretdb-local');
}

export async function probeMongo(url: string): Promise<boolean> {
  const client = new mongoose.mongo.MongoClient(url, {
    serverSelectionTimeoutMS: 1500,
    connectTimeoutMS: 1500,
    directConnection: true,
  });
  try {
    await client.connect();
    const reply = await client.db('admin').command({ ping: 1 });
    return reply['ok'] === 1;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}

/** FerretDB with its SQLite backend, speaking the MongoDB wire protocol. */
export const ferretDbServer: ServerSpec = {
  name: 'ferretdb',
  host: HOST,
  port: PORT,
  startTimeoutMs: 30_000,

  async install(paths) {
    const binary = binaryPath(paths);
    if (existsSync(binary)) return;
    await requireGo();
    console.log(`ferretdb: building FerretDB ${ferretDbVersion()} with go install into ${join(binary, '..')} (first run only)…`);
    await runCommand('go', ['install', '.'], {
      cwd: SOURCE_DIR,
      env: { GOBIN: join(binary, '..'), GOFLAGS: '-buildvcs=false' },
    });
  },

  launch(paths) {
    return {
      command: binaryPath(paths),
      args: [
        '-listen-addr',
        `${HOST}:${PORT}`,
        // FerretDB expects a directory URI ending with a slash.
        '-sqlite-url',
        `file:${dataDir(paths, 'ferretdb')}/`,
        '-log-level',
        'warn',
      ],
    };
  },

  probe: () => probeMongo(`mongodb://${HOST}:${PORT}`),
};
