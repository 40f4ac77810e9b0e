export { MongoHealthCheck, MongoModule, type MongoOptions } from './mongo.module';
export { DUPLICATE_KEY, insertNew } from './insert-new';
