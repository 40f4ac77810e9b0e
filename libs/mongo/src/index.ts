export { MongoHealthCheck, MongoModule, type MongoOptions } from './mongo.module';
