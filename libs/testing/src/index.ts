export { freePort } from './free-port';
export { testInfra, uniqueName, type TestInfra } from './test-env';
export { startScratchRedis, type ScratchRedis } from './scratch-redis';
export { startServiceProcess, type ServiceProcess } from './service-process';
// The sinks' readers, so that tests anywhere check what a guardian would receive.
export {
  readMailIndex,
  readRawMessage,
  readSmsRecords,
  SANDBOX_NUMBERS,
  waitForMail,
  waitForSmsRecord,
  type MailIndexEntry,
  type SmsRecord,
} from '@ediary/local-infra';
