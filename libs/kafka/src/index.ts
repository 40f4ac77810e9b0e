export { EventConsumer, type DeadLetterReason, type EventConsumerOptions, type MessageMeta } from './event-consumer';
export { EventPublisher, type PublishOptions } from './event-publisher';
export { KAFKA_CLIENT, KAFKA_OPTIONS, type KafkaOptions } from './kafka-options';
export { KafkaGateway, KafkaModule } from './kafka.module';
export { ensureTopics } from './topic-admin';
export { KafkaHealthCheck } from './kafka-health.check';
