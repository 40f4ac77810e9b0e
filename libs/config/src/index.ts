export { commonEnvFields, envFieldTypes } from './env-fields';
export { ConfigError, loadConfig } from './load-config';
export { toServiceConfig, type ServiceConfig } from './service-config';
