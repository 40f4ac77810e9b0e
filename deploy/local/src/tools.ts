import { captureOutput } from './run-command';

/** A version as [major, minor]. */
export type ToolVersion = [number, number];

/** A program that a server needs to install or run, such as go, mvn or java. */
export interface ToolRequirement {
  /** The server that needs the tool, named first in messages. */
  server: string;
  command: string;
  versionArgs: string[];
  /** Pattern of the version in the tool's output, with major and minor as groups 1 and 2. */
  versionPattern: RegExp;
  /** Needed version as messages show it, e.g. "Go 1.24 or later". */
  needed: string;
  /** Purpose of the tool, worded to follow "is needed", e.g. "to build FerretDB (deploy/local/ferretdb)". */
  purpose: string;
  /** Installation advice, e.g. "install it, e.g. `apt-get install maven` on Debian". */
  installHint: string;
}

export function compareVersions(left: ToolVersion, right: ToolVersion): number {
  return left[0] !== right[0] ? left[0] - right[0] : left[1] - right[1];
}

/** Builds the error for a missing or too old tool: server, tool, needed version and how to install it. */
export function toolError(requirement: ToolRequirement, problem: string): Error {
  const { server, needed, purpose, installHint } = requirement;
  return new Error(`${server}: ${needed} is needed ${purpose}, but ${problem}; ${installHint}, then run infra:up again`);
}

/**
 * Checks that the tool is on the PATH and returns its version, or null when its output
 * shows none. Throws toolError when the tool is missing.
 */
export async function findTool(requirement: ToolRequirement): Promise<ToolVersion | null> {
  const output = await captureOutput(requirement.command, requirement.versionArgs);
  if (output === null) throw toolError(requirement, `\`${requirement.command}\` was not found on the PATH`);
  const match = requirement.versionPattern.exec(output);
  if (!match) {
    const firstLine = output.trim().split('\n')[0] ?? '';
    console.log(`${requirement.server}: could not read the version of ${requirement.command} from "${firstLine}"; trying it anyway`);
    return null;
  }
  return [Number(match[1]), Number(match[2] ?? 0)];
}

/** Checks that the tool is on the PATH and at least `minimum`; throws toolError otherwise. */
export async function requireTool(requirement: ToolRequirement, minimum: ToolVersion): Promise<void> {
  const version = await findTool(requirement);
  if (version !== null && compareVersions(version, minimum) < 0) {
    throw toolError(requirement, `\`${requirement.command}\` is version ${version.join('.')}`);
  }
}
