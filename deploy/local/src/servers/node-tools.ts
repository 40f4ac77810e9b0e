import { join } from 'node:path';
import { dataDir, REPO_ROOT } from '../paths';
import { exchangeTcp } from '../probes';
import type { LaunchCommand, ServerSpec } from '../server-spec';

const HOST = '127.0.0.1';

/** Credentials the SMS sandbox accepts; they open nothing but the local sandbox. */
export const SMS_SANDBOX_CREDENTIALS = {
  accountSid: 'AC00000000000000000000000000000001',
  authToken: 'local-sandbox-token',
} as const;

function nodeScript(script: string, args: string[]): LaunchCommand {
  return {
    command: process.execPath,
    args: ['-r', '@swc-node/register', join(REPO_ROOT, script), ...args],
    // The server runs in its data folder; swc-node must still find the repository's tsconfig.
    env: { SWC_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.json'), NODE_PATH: join(REPO_ROOT, 'node_modules') },
  };
}

const noInstall = async () => undefined;

/** Describes the local SMTP server that stores every message as an .eml file (deploy/local/src/mail-sink). */
export function mailSinkServer(options: { name?: string; port?: number } = {}): ServerSpec {
  const name = options.name ?? 'mail-sink';
  const port = options.port ?? 1025;
  return {
    name,
    host: HOST,
    port,
    startTimeoutMs: 20_000,
    install: noInstall,
    launch: (paths) =>
      nodeScript('deploy/local/src/mail-sink/main.ts', [
        '--host', HOST,
        '--port', String(port),
        '--data-dir', dataDir(paths, name),
      ]),
    probe: async () => (await exchangeTcp(HOST, port, null))?.startsWith('220') ?? false,
  };
}

/** Describes the local stand-in for Twilio's Messages API (deploy/local/src/sms-sandbox). */
export function smsSandboxServer(options: { name?: string; port?: number } = {}): ServerSpec {
  const name = options.name ?? 'sms-sandbox';
  const port = options.port ?? 3090;
  return {
    name,
    host: HOST,
    port,
    startTimeoutMs: 20_000,
    install: noInstall,
    launch: (paths) =>
      nodeScript('deploy/local/src/sms-sandbox/main.ts', [
        '--host', HOST,
        '--port', String(port),
        '--data-dir', dataDir(paths, name),
        '--account-sid', SMS_SANDBOX_CREDENTIALS.accountSid,
        '--auth-token', SMS_SANDBOX_CREDENTIALS.authToken,
      ]),
    probe: async () => {
      try {
        const response = await fetch(`http://${HOST}:${port}/health`, { signal: AbortSignal.timeout(1500) });
        return response.ok;
      } catch {
        return false;
      }
    },
  };
}
