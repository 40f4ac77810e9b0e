import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { InfraPaths } from './paths';
import { ferretDbServer } from './servers/ferretdb';
import { kafkaServer, KAFKA_VERSION } from './servers/kafka';
import { requireTool, type ToolRequirement } from './tools';

function findOnPath(name: string): string {
  for (const folder of (process.env['PATH'] ?? '').split(delimiter)) {
    if (existsSync(join(folder, name))) return join(folder, name);
  }
  throw new Error(`${name} is not on the PATH; this test needs it`);
}

/** Runs the action with PATH set to a folder that contains only the named programs. */
async function withPathOf<T>(programs: Record<string, string>, action: () => Promise<T>): Promise<T> {
  const folder = mkdtempSync(join(tmpdir(), 'infra-path-'));
  for (const [name, target] of Object.entries(programs)) symlinkSync(target, join(folder, name));
  const savedPath = process.env['PATH'];
  process.env['PATH'] = folder;
  try {
    return await action();
  } finally {
    process.env['PATH'] = savedPath;
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('tool checks', () => {
  let paths: InfraPaths;

  beforeEach(() => {
    // An empty cache, so that every install step would run.
    const home = mkdtempSync(join(tmpdir(), 'infra-tools-'));
    paths = { home, cache: join(home, 'cache') };
  });

  afterEach(() => {
    rmSync(paths.home, { recursive: true, force: true });
  });

  it('names Java when java is missing', async () => {
    await expect(withPathOf({}, () => kafkaServer.install(paths))).rejects.toThrow(
      'kafka: Java 17 or later is needed to run the Kafka broker, but `java` was not found on the PATH; ' +
        'install a Java runtime, e.g. `apt-get install openjdk-17-jre-headless` on Debian 12, then run infra:up again',
    );
  });

  it('names Maven when mvn is missing', async () => {
    const java = findOnPath('java');
    await expect(withPathOf({ java }, () => kafkaServer.install(paths))).rejects.toThrow(
      `kafka: Maven 3.6 or later is needed to resolve the Kafka ${KAFKA_VERSION} jars (deploy/local/kafka/pom.xml), ` +
        'but `mvn` was not found on the PATH; install it, e.g. `apt-get install maven` on Debian, then run infra:up again',
    );
  });

  it('names Go when go is missing', async () => {
    await expect(withPathOf({}, () => ferretDbServer.install(paths))).rejects.toThrow(
      /^ferretdb: Go \d+\.\d+ or later is needed to build FerretDB \(deploy\/local\/ferretdb\), but `go` was not found on the PATH; install it .*, then run infra:up again$/,
    );
  });

  it('rejects a tool older than the minimum', async () => {
    const requirement: ToolRequirement = {
      server: 'example',
      command: process.execPath,
      versionArgs: ['-e', 'console.log("tool version 1.19.3")'],
      versionPattern: /version (\d+)\.(\d+)/,
      needed: 'Tool 1.22 or later',
      purpose: 'to build the example',
      installHint: 'install a newer one',
    };

    await expect(requireTool(requirement, [1, 22])).rejects.toThrow(
      `example: Tool 1.22 or later is needed to build the example, but \`${process.execPath}\` is version 1.19; ` +
        'install a newer one, then run infra:up again',
    );
    await expect(requireTool(requirement, [1, 19])).resolves.toBeUndefined();
  });
});
