import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createTwilioClient } from '@ediary/sms';
import { countSegments } from './segments';
import { type SmsSandbox, startSmsSandbox } from './sms-sandbox';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'segments-spec-token';

describe('countSegments', () => {
  it.each([
    ['empty body', '', 'GSM-7', 1, 0],
    ['160 GSM characters', 'a'.repeat(160), 'GSM-7', 1, 160],
    ['161 GSM characters', 'a'.repeat(161), 'GSM-7', 2, 161],
    ['306 GSM characters', 'a'.repeat(306), 'GSM-7', 2, 306],
    ['307 GSM characters', 'a'.repeat(307), 'GSM-7', 3, 307],
    ['70 Cyrillic characters', 'ж'.repeat(70), 'UCS-2', 1, 70],
    ['71 Cyrillic characters', 'ж'.repeat(71), 'UCS-2', 2, 71],
    ['134 Cyrillic characters', 'ж'.repeat(134), 'UCS-2', 2, 134],
    ['135 Cyrillic characters', 'ж'.repeat(135), 'UCS-2', 3, 135],
    ['159 GSM characters and €', `${'a'.repeat(159)}€`, 'GSM-7', 2, 161],
    ['158 GSM characters and €', `${'a'.repeat(158)}€`, 'GSM-7', 1, 160],
    ['80 braces', '{'.repeat(80), 'GSM-7', 1, 160],
    ['81 braces', '{'.repeat(81), 'GSM-7', 2, 162],
    ['35 emoji', '😀'.repeat(35), 'UCS-2', 1, 70],
    ['36 emoji', '😀'.repeat(36), 'UCS-2', 2, 72],
  ])('counts %s', (_case, body, encoding, numSegments, units) => {
    const count = countSegments(body);

    expect(count.encoding).toBe(encoding);
    expect(count.numSegments).toBe(numSegments);
    expect(count.units).toBe(units);
  });

  it('keeps an extension character in one segment', () => {
    // 306 septets fit two segments of 153, but the € at septets 153-154 moves whole to the second.
    const count = countSegments(`${'a'.repeat(152)}€${'a'.repeat(152)}`);

    expect(count.units).toBe(306);
    expect(count.numSegments).toBe(3);
  });

  it('keeps a surrogate pair in one segment', () => {
    const count = countSegments(`${'ж'.repeat(66)}😀${'ж'.repeat(66)}`);

    expect(count.units).toBe(134);
    expect(count.numSegments).toBe(3);
  });

  it.each([
    ['a typographic apostrophe', 'Élève à l’école', 'UCS-2'],
    ['GSM basic accents', 'Él è à ñ ü £ ¥ §', 'GSM-7'],
    ['line breaks', 'Line one\nLine two\r\n', 'GSM-7'],
    ['lower-case c cedilla', 'ç', 'UCS-2'],
    ['one Cyrillic letter in Latin text', 'Grade 5, математика', 'UCS-2'],
    ['extension table', '^{}\\[~]|€\f', 'GSM-7'],
  ])('detects encoding of %s', (_case, body, encoding) => {
    expect(countSegments(body).encoding).toBe(encoding);
  });
});

describe('num_segments through the twilio SDK', () => {
  let dataDir: string;
  let sandbox: SmsSandbox;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sms-segments-'));
    sandbox = await startSmsSandbox({
      host: '127.0.0.1',
      port: 0,
      dataDir,
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      callbackDelayMs: 5,
      logger: pino({ level: 'warn' }),
    });
  });

  afterAll(async () => {
    await sandbox.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it.each([
    [70, '1'],
    [71, '2'],
    [134, '2'],
    [135, '3'],
  ])('reports %i Cyrillic characters as %s segments', async (length, expected) => {
    const client = createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: sandbox.url });

    const message = await client.messages.create({ to: '+79991234567', from: 'SCHOOL', body: 'ж'.repeat(length) });

    expect(message.numSegments).toBe(expected);
  });

  it.each([
    [160, '1'],
    [161, '2'],
  ])('reports %i GSM characters as %s segments', async (length, expected) => {
    const client = createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: sandbox.url });

    const message = await client.messages.create({ to: '+79991234567', from: 'SCHOOL', body: 'a'.repeat(length) });

    expect(message.numSegments).toBe(expected);
  });
});
