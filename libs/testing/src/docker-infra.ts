/* eslint-disable @nx/enforce-module-boundaries --
   loaded from jest's global setup, outside moduleNameMapper (see global-setup.ts). */
import { join } from 'node:path';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { startMailSink } from '../../../deploy/local/src/mail-sink/mail-sink';
import { SMS_SANDBOX_CREDENTIALS } from '../../../deploy/local/src/index';
import { startSmsSandbox } from '../../../deploy/local/src/sms-sandbox/sms-sandbox';
import type { TestInfra } from './test-env';
import { freePort } from './free-port';

/** Same versions and settings as the local servers and docker-compose.yml. */
const IMAGES = { kafka: 'apache/kafka:3.9.1', mongo: 'mongo:8.0', redis: 'redis:7.4' };


/**
 * Starts Kafka, MongoDB and Redis from official images, and the mail sink and SMS
 * sandbox in this process.
 * NOTE: written for machines with a Docker engine; the development machines of this
 * project have none, so this path has not been run here.
 */
export async function startDockerInfra(scratchDir: string): Promise<{
  endpoints: Omit<TestInfra, 'mode' | 'runId' | 'scratchDir'>;
  stop: () => Promise<void>;
}> {
  // Kafka advertises the address clients must use, so the host port is fixed up front.
  const kafkaPort = await freePort();
  const containers: StartedTestContainer[] = [];
  containers.push(
    await new GenericContainer(IMAGES.kafka)
      .withExposedPorts({ container: 9092, host: kafkaPort })
      .withEnvironment({
        KAFKA_NODE_ID: '1',
        KAFKA_PROCESS_ROLES: 'broker,controller',
        KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
        KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${kafkaPort}`,
        KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
        KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
        KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
        KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
        KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
        KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
        KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
        KAFKA_NUM_PARTITIONS: '3',
      })
      .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
      .start(),
  );
  const mongo = await new GenericContainer(IMAGES.mongo).withExposedPorts(27017).start();
  containers.push(mongo);
  const redis = await new GenericContainer(IMAGES.redis)
    .withExposedPorts(6379)
    .withCommand(['redis-server', '--appendonly', 'yes', '--maxmemory-policy', 'noeviction'])
    .start();
  containers.push(redis);

  const mailDataDir = join(scratchDir, 'mail-sink');
  const smsDataDir = join(scratchDir, 'sms-sandbox');
  const mailSink = await startMailSink({ host: '127.0.0.1', port: 0, dataDir: mailDataDir });
  const smsSandbox = await startSmsSandbox({ host: '127.0.0.1', port: 0, dataDir: smsDataDir, ...SMS_SANDBOX_CREDENTIALS });

  return {
    endpoints: {
      kafkaBrokers: [`127.0.0.1:${kafkaPort}`],
      mongoUrl: `mongodb://${mongo.getHost()}:${mongo.getMappedPort(27017)}`,
      redisUrl: `redis://${redis.getHost()}:${redis.getMappedPort(6379)}`,
      smtp: { host: '127.0.0.1', port: mailSink.port },
      mailDataDir,
      smsApiBaseUrl: smsSandbox.url,
      smsDataDir,
      smsCredentials: { ...SMS_SANDBOX_CREDENTIALS },
    },
    stop: async () => {
      await mailSink.close();
      await smsSandbox.close();
      await Promise.all(containers.map((container) => container.stop()));
    },
  };
}
