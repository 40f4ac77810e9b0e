import { DynamicModule, Injectable, Module } from '@nestjs/common';
import { InjectConnection, MongooseModule } from '@nestjs/mongoose';
import type { DependencyCheck } from '@ediary/health';
import type { Connection } from 'mongoose';

export interface MongoOptions {
  url: string;
  /** Each service owns one database. */
  dbName: string;
}

/**
 * The mongoose connection of a service. Only what FerretDB 1.x also supports is used,
 * so that the same code runs on MongoDB 7/8: no transactions or change streams.
 */
@Module({})
export class MongoModule {
  static forRoot(options: MongoOptions): DynamicModule {
    return {
      module: MongoModule,
      // Global, so that health checks and repositories in any module see the connection.
      global: true,
      imports: [
        MongooseModule.forRoot(options.url, {
          dbName: options.dbName,
          serverSelectionTimeoutMS: 5000,
          // Indexes are the idempotency guarantees, so they are built at boot.
          autoIndex: true,
        }),
      ],
      exports: [MongooseModule],
    };
  }
}

@Injectable()
export class MongoHealthCheck implements DependencyCheck {
  readonly name = 'mongo';

  constructor(@InjectConnection() private readonly connection: Connection) {}

  async check(): Promise<void> {
    if (!this.connection.db) throw new Error('mongo is not connected');
    await this.connection.db.admin().command({ ping: 1 });
  }
}
