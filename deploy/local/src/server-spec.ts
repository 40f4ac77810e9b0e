import type { InfraPaths } from './paths';

export interface LaunchCommand {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/** One local server that `infra:up` installs, starts and probes. */
export interface ServerSpec {
  name: string;
  host: string;
  port: number;
  /** Downloads or builds what the server needs, reusing the cache; a no-op when done. */
  install(paths: InfraPaths): Promise<void>;
  /** First-start work such as formatting storage; must be safe to run on every start. */
  prepare?(paths: InfraPaths): Promise<void>;
  launch(paths: InfraPaths): LaunchCommand;
  /** Resolves true when the server responds to its own protocol, not just to a TCP connect. */
  probe(): Promise<boolean>;
  /** How long a start may take before it counts as failed. */
  startTimeoutMs: number;
}
