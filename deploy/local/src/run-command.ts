import { spawn } from 'node:child_process';

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
}

/**
 * Runs a command to completion, passing its output through, and rejects with the
 * command line and exit code when it fails.
 */
export function runCommand(command: string, args: string[], options: RunOptions = {}): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', (error) => reject(new Error(`${command} could not be started: ${error.message}`)));
    child.once('exit', (code, signal) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`${command} ${args.join(' ')} failed with ${signal ?? `exit code ${code}`}`));
    });
  });
}

/** Resolves with the command's standard output, or null when it cannot run or fails. */
export function captureCommand(command: string, args: string[]): Promise<string | null> {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', () => resolvePromise(null));
    child.once('exit', (code) => resolvePromise(code === 0 ? output : null));
  });
}

/**
 * Resolves with the command's standard output and standard error together, whatever its
 * exit code, or null when it cannot be started (e.g. it is not on the PATH).
 */
export function captureOutput(command: string, args: string[], timeoutMs = 30_000): Promise<string | null> {
  return new Promise((resolvePromise) => {
    // The environment is passed explicitly, as runCommand does, because jest gives each test
    // file its own process.env copy, and spawn's default is the real process.env.
    const child = spawn(command, args, { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    // Not spawn's own timeout option: in Node 20 its timer stays armed when the spawn fails,
    // which keeps the process alive until it fires.
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    let output = '';
    const append = (chunk: Buffer) => (output += chunk.toString('utf8'));
    child.stdout.on('data', append);
    child.stderr.on('data', append);
    child.once('error', () => {
      clearTimeout(timer);
      resolvePromise(null);
    });
    // A failed spawn emits 'error' before 'close', so its result stays null.
    child.once('close', () => {
      clearTimeout(timer);
      resolvePromise(output);
    });
  });
}
