export { withInfraLock, type LockOptions } from './infra-lock';
export {
  infraDown,
  infraStatus,
  infraUp,
  InfraUpError,
  LOCAL_ENDPOINTS,
  LOCAL_SERVERS,
  startServers,
  stopServers,
  type ServerReport,
} from './local-infra';
export { dataDir, lockFile, logFile, pidFile, resolveInfraPaths, type InfraPaths } from './paths';
export { checkPidFile, type PidFileCheck } from './pid-file';
export { processStartTime } from './process-identity';
export type { ServerSpec } from './server-spec';
export { liveUsers, readStartedByTests, registerUser, unregisterUser, type ServerUser } from './server-users';
export { ferretDbServer, probeMongo } from './servers/ferretdb';
export { kafkaServer, KAFKA_VERSION } from './servers/kafka';
export { mailSinkServer, SMS_SANDBOX_CREDENTIALS, smsSandboxServer } from './servers/node-tools';
export { redisServer } from './servers/redis';
export { inspectServer, startServer, stopServer } from './supervisor';
export { acquireServersForRun, type RunServers, type RunServersOptions } from './test-run-servers';
export { readMailIndex, readRawMessage, waitForMail, type MailIndexEntry } from './mail-sink/mail-sink-store';
export { SANDBOX_NUMBERS } from './sms-sandbox/sandbox-numbers';
export { readSmsRecords, waitForSmsRecord, type SmsRecord } from './sms-sandbox/sms-sandbox-store';
