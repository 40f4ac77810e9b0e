export interface KafkaOptions {
  brokers: string[];
  /** Name of this service; becomes the Kafka client id and the envelope's producer. */
  clientId: string;
  /** Prepended to every topic name; empty in production, unique per test run. */
  topicPrefix: string;
}

export const KAFKA_OPTIONS = Symbol('KAFKA_OPTIONS');
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
