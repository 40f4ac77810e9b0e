import type { z } from 'zod';
import type { commonEnvFields } from './env-fields';

type CommonEnv = { [Field in keyof typeof commonEnvFields]: z.output<(typeof commonEnvFields)[Field]> } & {
  HTTP_PORT: number;
};

/** The part of every service's configuration that comes from the common variables. */
export interface ServiceConfig {
  service: string;
  http: { host: string; port: number };
  logLevel: string;
  kafka: { brokers: string[]; clientId: string; topicPrefix: string };
  mongo: { url: string; dbName: string };
}

/** Maps the validated common variables to the nested configuration of one service. */
export function toServiceConfig(service: string, database: string, env: CommonEnv): ServiceConfig {
  return {
    service,
    http: { host: env.HTTP_HOST, port: env.HTTP_PORT },
    logLevel: env.LOG_LEVEL,
    kafka: { brokers: env.KAFKA_BROKERS, clientId: service, topicPrefix: env.KAFKA_TOPIC_PREFIX },
    mongo: { url: env.MONGO_URL, dbName: env.MONGO_DB_PREFIX + database },
  };
}
