import { Injectable } from '@nestjs/common';
import type { DependencyCheck } from '@ediary/health';
import { KafkaGateway } from './kafka.module';

@Injectable()
export class KafkaHealthCheck implements DependencyCheck {
  readonly name = 'kafka';

  constructor(private readonly gateway: KafkaGateway) {}

  async check(): Promise<void> {
    if ((await this.gateway.countBrokers()) === 0) throw new Error('kafka reports no brokers');
  }
}
