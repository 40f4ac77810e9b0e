import { z } from 'zod';
import { commonEnvFields, envFieldTypes } from './env-fields';
import { ConfigError, loadConfig } from './load-config';

const schema = z.object({ ...commonEnvFields, HTTP_PORT: envFieldTypes.port(3001) });

function captureConfigError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies defaults to an empty environment', () => {
    const config = loadConfig(schema, {});

    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(config.MONGO_URL).toBe('mongodb://127.0.0.1:27017');
    expect(config.HTTP_PORT).toBe(3001);
    expect(config.LOG_LEVEL).toBe('info');
  });

  it('splits a broker list', () => {
    const config = loadConfig(schema, { KAFKA_BROKERS: '10.0.0.5:9092, 10.0.0.6:9092' });

    expect(config.KAFKA_BROKERS).toEqual(['10.0.0.5:9092', '10.0.0.6:9092']);
  });

  it('names each invalid variable and the expected form', () => {
    const error = captureConfigError({ HTTP_PORT: '70000', MONGO_URL: 'http://db', KAFKA_BROKERS: 'broker' });

    expect(error.problems.map((problem) => problem.variable).sort()).toEqual(['HTTP_PORT', 'KAFKA_BROKERS.0', 'MONGO_URL']);
    expect(error.message).toContain('HTTP_PORT: expected a TCP port from 1 to 65535');
    expect(error.message).toContain('MONGO_URL: expected a mongodb:// URL');
  });

  it('rejects a port that is not a number', () => {
    const error = captureConfigError({ HTTP_PORT: 'eighty' });

    expect(error.problems).toEqual([{ variable: 'HTTP_PORT', message: 'expected a TCP port number' }]);
  });
});
