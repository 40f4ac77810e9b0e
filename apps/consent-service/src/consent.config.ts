import { z } from 'zod';
import { commonEnvFields, envFieldTypes, loadConfig, toServiceConfig, type ServiceConfig } from '@ediary/config';

const schema = z
  .object({ ...commonEnvFields, HTTP_PORT: envFieldTypes.port(3002) })
  .transform((env) => toServiceConfig('consent-service', 'consent', env));

export type ConsentConfig = ServiceConfig;

export function loadConsentConfig(env?: Record<string, string | undefined>): ConsentConfig {
  return loadConfig(schema, env);
}
