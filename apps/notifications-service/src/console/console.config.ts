import { z } from 'zod';
import { loadConfig } from '@ediary/config';

const schema = z
  .object({
    /** Adds the Secure attribute to console cookies; set to true when the console is served over https. */
    CONSOLE_SECURE_COOKIE: z.enum(['true', 'false']).default('false'),
    /** How long a console session lasts after sign-in, in minutes. */
    CONSOLE_SESSION_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(8 * 60),
  })
  .transform((env) => ({
    secureCookie: env.CONSOLE_SECURE_COOKIE === 'true',
    sessionMinutes: env.CONSOLE_SESSION_MINUTES,
  }));

export type ConsoleConfig = z.output<typeof schema>;

export function loadConsoleConfig(env?: Record<string, string | undefined>): ConsoleConfig {
  return loadConfig(schema, env);
}

export const CONSOLE_CONFIG = Symbol('CONSOLE_CONFIG');
