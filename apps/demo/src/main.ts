import { dataDir, infraUp, LOCAL_ENDPOINTS, resolveInfraPaths, SANDBOX_NUMBERS, type ServerReport } from '@ediary/local-infra';
import { join } from 'node:path';
import { runDemoScenario } from './scenario/demo-scenario';
import { formatSummaryRu } from './summary/russian-summary';

/** Seed of the sample school; the same seed gives the same students and guardians. */
const SCHOOL_SEED = 20_261_207;

const SERVER_NAMES_RU: Record<string, string> = {
  kafka: 'Kafka, шина событий',
  ferretdb: 'FerretDB, база данных',
  redis: 'Redis, очереди доставки',
  'mail-sink': 'почтовый ящик демо',
  'sms-sandbox': 'SMS-песочница',
};

const SERVER_STATES_RU: Record<ServerReport['state'], string> = {
  running: 'работает',
  external: 'работает (запущен не этой командой)',
  stopped: 'остановлен',
  'not-responding': 'не отвечает',
  'port-taken': 'порт занят другой программой',
};

function formatServerReport(report: ServerReport): string {
  const name = SERVER_NAMES_RU[report.name] ?? report.name;
  const started = report.started ? ', запущен сейчас' : '';
  return `  ${name} (${report.address}): ${SERVER_STATES_RU[report.state]}${started}`;
}

async function main(): Promise<void> {
  const paths = resolveInfraPaths();
  process.stdout.write('Запуск инфраструктуры (работающие серверы используются повторно)…\n');
  const reports = await infraUp(paths);
  for (const report of reports) process.stdout.write(`${formatServerReport(report)}\n`);

  const prefix = `demo-${Date.now()}`;
  const logDir = join(paths.home, 'demo', prefix);
  process.stdout.write(`Журналы сервисов: ${logDir}\n`);

  const outcome = await runDemoScenario({
    prefix,
    seed: SCHOOL_SEED,
    endpoints: {
      kafkaBrokers: [...LOCAL_ENDPOINTS.kafkaBrokers],
      mongoUrl: LOCAL_ENDPOINTS.mongoUrl,
      redisUrl: LOCAL_ENDPOINTS.redisUrl,
      smtp: LOCAL_ENDPOINTS.smtp,
      smsApiBaseUrl: LOCAL_ENDPOINTS.smsApiBaseUrl,
      smsCredentials: LOCAL_ENDPOINTS.smsCredentials,
    },
    mailDataDir: dataDir(paths, 'mail-sink'),
    smsDataDir: dataDir(paths, 'sms-sandbox'),
    failingPhones: SANDBOX_NUMBERS,
    logDir,
    progress: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`${formatSummaryRu(outcome, { logDir }).join('\n')}\n`);
  if (!outcome.settled) {
    throw new Error('deliveries did not settle within the wait; see the service logs');
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`Демо завершилось с ошибкой / demo failed: ${message}\n`);
    process.exit(1);
  },
);
