import { DynamicModule, Global, Inject, Injectable, Module, OnModuleDestroy } from '@nestjs/common';
import { TOPICS, type TopicName } from '@ediary/contracts';
import { Kafka, logLevel, type Admin, type KafkaMessage } from 'kafkajs';
import { EventConsumer, type DeadLetterReason, type EventConsumerOptions, type MessageMeta } from './event-consumer';
import { EventPublisher } from './event-publisher';
import { nestLogCreator } from './kafka-logging';
import { KAFKA_CLIENT, KAFKA_OPTIONS, type KafkaOptions } from './kafka-options';
import { ensureTopics } from './topic-admin';

/** Creates topic-validated consumers and answers cluster questions for health checks. */
@Injectable()
export class KafkaGateway implements OnModuleDestroy {
  private readonly consumers: EventConsumer<TopicName>[] = [];
  private admin: Admin | null = null;

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(KAFKA_OPTIONS) private readonly options: KafkaOptions,
    private readonly publisher: EventPublisher,
  ) {}

  /** Creates a validating consumer whose given-up messages go to the dead-letter topic. */
  createConsumer<Name extends TopicName>(options: EventConsumerOptions<Name>): EventConsumer<Name> {
    const consumer = new EventConsumer(this.kafka, this.options.topicPrefix, options, (message, meta, reason) =>
      this.publishDeadLetter(options.groupId, message, meta, reason),
    );
    this.consumers.push(consumer as unknown as EventConsumer<TopicName>);
    return consumer;
  }

  private async publishDeadLetter(
    groupId: string,
    message: KafkaMessage,
    meta: MessageMeta,
    reason: DeadLetterReason,
  ): Promise<void> {
    await this.publisher.publish(
      TOPICS.deadLetter,
      {
        sourceTopic: meta.topic,
        partition: meta.partition,
        offset: meta.offset,
        key: meta.key,
        value: message.value?.toString('utf8') ?? '',
        errorCode: reason.errorCode,
        errorMessage: reason.errorMessage,
        attempts: reason.attempts,
        consumerGroup: this.options.topicPrefix + groupId,
        failedAt: new Date().toISOString(),
      },
      { key: meta.topic },
    );
  }

  async ensureTopics(topics: readonly TopicName[]): Promise<void> {
    await ensureTopics(await this.connectedAdmin(), topics, this.options.topicPrefix);
  }

  /** Resolves with the number of brokers, or rejects when the cluster does not respond. */
  async countBrokers(): Promise<number> {
    const cluster = await (await this.connectedAdmin()).describeCluster();
    return cluster.brokers.length;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
    await this.admin?.disconnect();
  }

  private async connectedAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }
}

/** kafkajs for a service: the typed publisher, consumers and topic administration. */
@Global()
@Module({})
export class KafkaModule {
  static forRoot(options: KafkaOptions): DynamicModule {
    const kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      logCreator: nestLogCreator,
    });
    return {
      module: KafkaModule,
      providers: [
        { provide: KAFKA_OPTIONS, useValue: options },
        { provide: KAFKA_CLIENT, useValue: kafka },
        EventPublisher,
        KafkaGateway,
      ],
      exports: [EventPublisher, KafkaGateway, KAFKA_CLIENT, KAFKA_OPTIONS],
    };
  }
}
