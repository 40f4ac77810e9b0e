import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { dataDir, REPO_ROOT, type InfraPaths } from '../paths';
import { runCommand } from '../run-command';
import type { ServerSpec } from '../server-spec';
import { requireTool, type ToolRequirement } from '../tools';

/**
 * Returns a KRaft cluster id: 16 random bytes in URL-safe base64, the form that
 * `kafka-storage.sh random-uuid` prints. It draws again when the id starts with "-", because
 * the storage tool reads such an id as an option and fails, which happens for one random id in 64.
 */
export function randomClusterId(random: (size: number) => Buffer = randomBytes): string {
  for (;;) {
    const id = random(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

export const KAFKA_VERSION = '3.9.1';
const HOST = '127.0.0.1';
const PORT = 9092;
const CONTROLLER_PORT = 9093;

const libsDir = (paths: InfraPaths) => join(paths.cache, `kafka-${KAFKA_VERSION}`, 'libs');
const logDirs = (paths: InfraPaths) => join(dataDir(paths, 'kafka'), 'kraft-logs');
const configFile = (paths: InfraPaths) => join(dataDir(paths, 'kafka'), 'server.properties');
const log4jFile = (paths: InfraPaths) => join(dataDir(paths, 'kafka'), 'log4j.properties');

function serverProperties(paths: InfraPaths): string {
  return [
    '# Written by infra:up on every start; edit deploy/local/src/servers/kafka.ts instead.',
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@${HOST}:${CONTROLLER_PORT}`,
    `listeners=PLAINTEXT://${HOST}:${PORT},CONTROLLER://${HOST}:${CONTROLLER_PORT}`,
    `advertised.listeners=PLAINTEXT://${HOST}:${PORT}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${logDirs(paths)}`,
    'num.partitions=3',
    // A single broker cannot hold more than one replica of anything.
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    // Tests create many short-lived consumer groups; a delay would slow each join.
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=true',
    'log.retention.hours=168',
    '',
  ].join('\n');
}

const LOG4J_PROPERTIES = [
  'log4j.rootLogger=WARN, stdout',
  'log4j.logger.kafka.server.KafkaServer=INFO',
  'log4j.logger.kafka.server.KafkaRaftServer=INFO',
  'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
  'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
  'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
  '',
].join('\n');

const JAVA: ToolRequirement = {
  server: 'kafka',
  command: 'java',
  versionArgs: ['-version'],
  // Java 9 and later print e.g. `openjdk version "17.0.15"`, and Java 8 prints "1.8.0_…", read as 1.8.
  versionPattern: /version "(\d+)(?:\.(\d+))?/,
  needed: 'Java 17 or later',
  purpose: 'to run the Kafka broker',
  installHint: 'install a Java runtime, e.g. `apt-get install openjdk-17-jre-headless` on Debian 12',
};

// NOTE: only Maven 3.8.7 has run this pom here, so the minimum of 3.6 is an assumption.
const MAVEN: ToolRequirement = {
  server: 'kafka',
  command: 'mvn',
  versionArgs: ['-v', '-B'],
  versionPattern: /Apache Maven (\d+)\.(\d+)/,
  needed: 'Maven 3.6 or later',
  purpose: `to resolve the Kafka ${KAFKA_VERSION} jars (deploy/local/kafka/pom.xml)`,
  installHint: 'install it, e.g. `apt-get install maven` on Debian',
};

async function probeKafka(): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'infra-probe',
    brokers: [`${HOST}:${PORT}`],
    connectionTimeout: 1000,
    requestTimeout: 2000,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Apache Kafka in KRaft mode, broker and controller in one JVM, from Maven Central jars. */
export const kafkaServer: ServerSpec = {
  name: 'kafka',
  host: HOST,
  port: PORT,
  startTimeoutMs: 90_000,

  async install(paths) {
    await requireTool(JAVA, [17, 0]);
    const target = libsDir(paths);
    if (existsSync(join(target, `kafka_2.13-${KAFKA_VERSION}.jar`))) return;
    await requireTool(MAVEN, [3, 6]);
    console.log(`kafka: resolving Kafka ${KAFKA_VERSION} jars with Maven into ${target} (first run only)…`);
    // Resolve into a scratch folder first, so an interrupted download is never mistaken for a cache.
    const scratch = `${target}.partial`;
    rmSync(scratch, { recursive: true, force: true });
    await runCommand('mvn', [
      '-B',
      '-q',
      '-f',
      join(REPO_ROOT, 'deploy/local/kafka/pom.xml'),
      `-Dkafka.version=${KAFKA_VERSION}`,
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${scratch}`,
    ]);
    mkdirSync(join(target, '..'), { recursive: true });
    rmSync(target, { recursive: true, force: true });
    renameSync(scratch, target);
  },

  async prepare(paths) {
    writeFileSync(configFile(paths), serverProperties(paths));
    writeFileSync(log4jFile(paths), LOG4J_PROPERTIES);
    if (existsSync(join(logDirs(paths), 'meta.properties'))) return;
    const clusterId = randomClusterId();
    await runCommand('java', [
      `-Dlog4j.configuration=file:${log4jFile(paths)}`,
      '-cp',
      join(libsDir(paths), '*'),
      'kafka.tools.StorageTool',
      'format',
      '--ignore-formatted',
      '-t',
      clusterId,
      '-c',
      configFile(paths),
    ]);
  },

  launch(paths) {
    return {
      command: 'java',
      args: [
        '-Xms256m',
        '-Xmx512m',
        '-XX:+UseG1GC',
        '-Djava.awt.headless=true',
        `-Dlog4j.configuration=file:${log4jFile(paths)}`,
        '-cp',
        join(libsDir(paths), '*'),
        'kafka.Kafka',
        configFile(paths),
      ],
    };
  },

  probe: probeKafka,
};
