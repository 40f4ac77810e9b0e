import type { INestApplication } from '@nestjs/common';
import { getModelToken } from '@nestjs/mongoose';
import { Test } from '@nestjs/testing';
import { parseEnvelope, type EventEnvelope, type TopicName } from '@ediary/contracts';
import { ApiKeyRepository, type FieldProblem } from '@ediary/http-api';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import type { Model } from 'mongoose';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../app.module';
import { loadGradesConfig, type GradesConfig } from '../grades.config';

/** Server endpoints and the isolation name of one test file. */
export interface GradesTestEnvironment {
  kafkaBrokers: string[];
  mongoUrl: string;
  /** Unique per test file, e.g. from uniqueName(); ends up as KAFKA_TOPIC_PREFIX and MONGO_DB_PREFIX. */
  isolationName: string;
  port: number;
}

/** The grades AppModule served over HTTP in the test's own process. */
export interface GradesTestApp {
  app: INestApplication;
  config: GradesConfig;
  baseUrl: string;
  apiKeys: ApiKeyRepository;
  model<Record>(name: string): Model<Record>;
  close(): Promise<void>;
}

export function gradesTestConfig(environment: GradesTestEnvironment): GradesConfig {
  return loadGradesConfig({
    KAFKA_BROKERS: environment.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: `${environment.isolationName}.`,
    MONGO_URL: environment.mongoUrl,
    MONGO_DB_PREFIX: `${environment.isolationName}-`,
    HTTP_PORT: String(environment.port),
    LOG_LEVEL: 'warn',
  });
}

export async function startGradesApp(environment: GradesTestEnvironment): Promise<GradesTestApp> {
  const config = gradesTestConfig(environment);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.register(config)] }).compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.listen(config.http.port, config.http.host);
  return {
    app,
    config,
    baseUrl: `http://${config.http.host}:${config.http.port}`,
    apiKeys: app.get(ApiKeyRepository),
    model: <Record>(name: string) => app.get<Model<Record>>(getModelToken(name)),
    close: () => app.close(),
  };
}

/** The body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; details: FieldProblem[] };
}

/** The body of a batch write; `id` stands for markId, homeworkId and the like. */
export interface BatchBody {
  results: ({ status: string } & Record<string, string>)[];
}

/**
 * A JSON request with an optional API key; returns the status, the body parsed as the
 * caller expects it, and the headers.
 */
export async function callApi<Body = ErrorBody>(
  baseUrl: string,
  method: string,
  path: string,
  options: { apiKey?: string; body?: unknown } = {},
): Promise<{ status: number; body: Body; headers: Headers }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(options.apiKey !== undefined && { authorization: `Bearer ${options.apiKey}` }),
    },
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as Body, headers: response.headers };
}

/**
 * Reads every event of one topic from the beginning with a raw kafkajs consumer of its own
 * group, so that the test receives exactly what the service published.
 */
export class TopicRecorder<Name extends TopicName> {
  readonly events: EventEnvelope<Name>[] = [];
  private readonly keys: (string | null)[] = [];
  private readonly consumer: Consumer;

  private constructor(
    kafka: Kafka,
    private readonly topic: Name,
    private readonly topicPrefix: string,
    groupId: string,
  ) {
    this.consumer = kafka.consumer({ groupId });
  }

  static async start<Name extends TopicName>(config: GradesConfig, topic: Name): Promise<TopicRecorder<Name>> {
    const kafka = new Kafka({ brokers: config.kafka.brokers, clientId: 'grades-test-recorder', logLevel: logLevel.NOTHING });
    const recorder = new TopicRecorder(kafka, topic, config.kafka.topicPrefix, `${config.kafka.topicPrefix}recorder-${topic}`);
    await recorder.consumer.connect();
    await recorder.consumer.subscribe({ topic: config.kafka.topicPrefix + topic, fromBeginning: true });
    await recorder.consumer.run({
      eachMessage: async ({ message }) => {
        recorder.events.push(parseEnvelope(topic, message.value));
        recorder.keys.push(message.key?.toString('utf8') ?? null);
      },
    });
    return recorder;
  }

  /** Resolves with the events matching the predicate once there are at least `count` of them. */
  async waitFor(
    predicate: (event: EventEnvelope<Name>) => boolean,
    count = 1,
    timeoutMs = 30_000,
  ): Promise<EventEnvelope<Name>[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const matching = this.events.filter(predicate);
      if (matching.length >= count) return matching;
      if (Date.now() > deadline) {
        throw new Error(`${this.topicPrefix}${this.topic}: ${matching.length} of ${count} expected events after ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Returns the message key that an event arrived with. */
  keyOf(event: EventEnvelope<Name> | undefined): string | null | undefined {
    return event === undefined ? undefined : this.keys[this.events.indexOf(event)];
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}
