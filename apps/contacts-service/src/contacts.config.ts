import { z } from 'zod';
import { commonEnvFields, envFieldTypes, loadConfig, toServiceConfig, type ServiceConfig } from '@ediary/config';

const schema = z
  .object({ ...commonEnvFields, HTTP_PORT: envFieldTypes.port(3003) })
  .transform((env) => toServiceConfig('contacts-service', 'contacts', env));

export type ContactsConfig = ServiceConfig;

export function loadContactsConfig(env?: Record<string, string | undefined>): ContactsConfig {
  return loadConfig(schema, env);
}
