import { z } from 'zod';
import { commonEnvFields, envFieldTypes, loadConfig, toServiceConfig, type ServiceConfig } from '@ediary/config';

const schema = z
  .object({ ...commonEnvFields, HTTP_PORT: envFieldTypes.port(3004), REDIS_URL: envFieldTypes.redisUrl })
  .transform((env) => ({
    ...toServiceConfig('notifications-service', 'notifications', env),
    redis: { url: env.REDIS_URL },
  }));

export type NotificationsConfig = ServiceConfig & { redis: { url: string } };

export function loadNotificationsConfig(env?: Record<string, string | undefined>): NotificationsConfig {
  return loadConfig(schema, env);
}
