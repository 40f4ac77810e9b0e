import { z } from 'zod';
import { commonEnvFields, envFieldTypes, loadConfig, toServiceConfig, type ServiceConfig } from '@ediary/config';

const schema = z
  .object({ ...commonEnvFields, HTTP_PORT: envFieldTypes.port(3001) })
  .transform((env) => toServiceConfig('grades-service', 'grades', env));

export type GradesConfig = ServiceConfig;

export function loadGradesConfig(env?: Record<string, string | undefined>): GradesConfig {
  return loadConfig(schema, env);
}
