import { DynamicModule, Global, Inject, Injectable, Module, OnModuleDestroy } from '@nestjs/common';
import type { DependencyCheck } from '@ediary/health';
import { Redis } from 'ioredis';

export const REDIS_CONNECTION = Symbol('REDIS_CONNECTION');

@Injectable()
export class RedisHealthCheck implements DependencyCheck {
  readonly name = 'redis';

  constructor(@Inject(REDIS_CONNECTION) private readonly redis: Redis) {}

  async check(): Promise<void> {
    const reply = await this.redis.ping();
    if (reply !== 'PONG') throw new Error(`redis returned ${reply} to PING`);
  }
}

@Injectable()
class RedisConnectionCloser implements OnModuleDestroy {
  constructor(@Inject(REDIS_CONNECTION) private readonly redis: Redis) {}

  async onModuleDestroy(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** The ioredis connection that BullMQ queues share. */
@Global()
@Module({})
export class RedisModule {
  static forRoot(options: { url: string }): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        {
          provide: REDIS_CONNECTION,
          // BullMQ's blocking commands require maxRetriesPerRequest null; offline
          // commands fail fast so that /health reports a stopped Redis at once.
          useFactory: () => new Redis(options.url, { maxRetriesPerRequest: null, enableOfflineQueue: false }),
        },
        RedisConnectionCloser,
      ],
      exports: [REDIS_CONNECTION],
    };
  }
}
