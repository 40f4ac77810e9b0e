import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isoDateTimeSchema } from './primitives';
import { TOPIC_DEFINITIONS, type TopicName, type TopicPayload, type TopicPayloadInput } from './topics';

const envelopeFields = {
  eventId: z.uuid(),
  type: z.string().min(1),
  schemaVersion: z.number().int().min(1),
  occurredAt: isoDateTimeSchema,
  /** Name of the service that produced the event. */
  producer: z.string().min(1),
  /** Ties together everything caused by one request, e.g. one batch of marks. */
  correlationId: z.string().min(1).max(128),
};

/** The envelope of every event on every topic. */
export interface EventEnvelope<Name extends TopicName = TopicName> {
  eventId: string;
  type: string;
  schemaVersion: number;
  occurredAt: string;
  producer: string;
  correlationId: string;
  payload: TopicPayload<Name>;
}

export interface ContractIssue {
  /** Dotted path of the offending field, e.g. "payload.value". */
  field: string;
  message: string;
}

/** A message or payload that does not match its topic's contract. */
export class ContractViolationError extends Error {
  readonly code = 'CONTRACT_VIOLATION';

  constructor(
    readonly topic: string,
    readonly issues: ContractIssue[],
  ) {
    super(
      `Invalid message for topic ${topic}: ` +
        issues.map((issue) => `${issue.field || '(message)'}: ${issue.message}`).join('; '),
    );
    this.name = 'ContractViolationError';
  }
}

function toIssues(error: z.ZodError): ContractIssue[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));
}

function envelopeSchemaFor(topic: TopicName) {
  const definition = TOPIC_DEFINITIONS[topic];
  return z.object({
    ...envelopeFields,
    type: z.literal(definition.eventType),
    schemaVersion: z.literal(definition.schemaVersion),
    payload: definition.payload,
  });
}

export interface CreateEnvelopeOptions {
  producer: string;
  correlationId?: string;
  eventId?: string;
  occurredAt?: Date;
}

/**
 * Wraps a payload in a new envelope after validating it against the topic's schema.
 * Throws ContractViolationError naming the offending field.
 */
export function createEnvelope<Name extends TopicName>(
  topic: Name,
  payload: TopicPayloadInput<Name>,
  options: CreateEnvelopeOptions,
): EventEnvelope<Name> {
  const definition = TOPIC_DEFINITIONS[topic];
  const eventId = options.eventId ?? randomUUID();
  const candidate = {
    eventId,
    type: definition.eventType,
    schemaVersion: definition.schemaVersion,
    occurredAt: (options.occurredAt ?? new Date()).toISOString(),
    producer: options.producer,
    correlationId: options.correlationId ?? eventId,
    payload,
  };
  const result = envelopeSchemaFor(topic).safeParse(candidate);
  if (!result.success) {
    throw new ContractViolationError(topic, toIssues(result.error));
  }
  return result.data as EventEnvelope<Name>;
}

/**
 * Parses and validates a consumed message value. Throws ContractViolationError naming
 * the offending field, or "(message)" when the value is not JSON at all.
 */
export function parseEnvelope<Name extends TopicName>(topic: Name, value: Buffer | string | null): EventEnvelope<Name> {
  if (value === null) {
    throw new ContractViolationError(topic, [{ field: '', message: 'message has no value' }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  } catch {
    throw new ContractViolationError(topic, [{ field: '', message: 'message value is not valid JSON' }]);
  }
  const result = envelopeSchemaFor(topic).safeParse(json);
  if (!result.success) {
    throw new ContractViolationError(topic, toIssues(result.error));
  }
  return result.data as EventEnvelope<Name>;
}
