import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTwilioClient } from '@ediary/sms';
import pino from 'pino';
import twilio, { type Twilio } from 'twilio';
import { SANDBOX_NUMBERS } from './sandbox-numbers';
import { type SmsSandbox, startSmsSandbox } from './sms-sandbox';
import { readSmsRecords, type SmsRecord } from './sms-sandbox-store';
import { checkStatusCallbackUrl, isLoopbackHostname } from './status-callbacks';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'sms-sandbox-spec-token';
const SENDER = 'SCHOOL1';
const PARENT_NUMBER = '+79161234567';
const WAIT_TIMEOUT_MS = 5_000;

interface ReceivedCallback {
  path: string;
  params: Record<string, string>;
  signature: string | undefined;
}

/** A local HTTP server that records the status callbacks it receives. */
class CallbackReceiver {
  readonly received: ReceivedCallback[] = [];
  private server?: http.Server;
  url = '';

  async start(): Promise<void> {
    this.server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.received.push({
          path: request.url ?? '',
          params: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
          signature: request.headers['x-twilio-signature'] as string | undefined,
        });
        response.writeHead(request.url?.startsWith('/broken') ? 500 : 204);
        response.end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  forMessage(sid: string): ReceivedCallback[] {
    return this.received.filter((callback) => callback.params['MessageSid'] === sid);
  }

  async waitForStatuses(sid: string, count: number): Promise<ReceivedCallback[]> {
    await waitUntil(() => this.forMessage(sid).length >= count, `${count} status callbacks for ${sid}`);
    return this.forMessage(sid);
  }
}

async function waitUntil(condition: () => boolean | Promise<boolean>, description: string): Promise<void> {
  const deadline = Date.now() + WAIT_TIMEOUT_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${WAIT_TIMEOUT_MS} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function captureRestException(promise: Promise<unknown>): Promise<InstanceType<typeof twilio.RestException>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof twilio.RestException) return error;
    throw error;
  }
  throw new Error('expected the request to fail with a RestException');
}

describe('SMS sandbox', () => {
  let dataDir: string;
  let sandbox: SmsSandbox;
  let receiver: CallbackReceiver;
  let client: Twilio;

  async function sandboxMessages(): Promise<Array<SmsRecord & { updatedAt: string }>> {
    const response = await fetch(`${sandbox.url}/sandbox/messages`);
    const payload = (await response.json()) as { messages: Array<SmsRecord & { updatedAt: string }> };
    return payload.messages;
  }

  async function waitForStatus(sid: string, status: string): Promise<void> {
    await waitUntil(async () => (await client.messages(sid).fetch()).status === status, `message ${sid} to reach ${status}`);
  }

  function postForm(path: string, form: Record<string, string>, credentials = `${ACCOUNT_SID}:${AUTH_TOKEN}`): Promise<Response> {
    return fetch(`${sandbox.url}${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(credentials).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(form).toString(),
    });
  }

  function postScript(script: Record<string, unknown>): Promise<Response> {
    return fetch(`${sandbox.url}/sandbox/scripts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(script),
    });
  }

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sms-sandbox-'));
    sandbox = await startSmsSandbox({
      host: '127.0.0.1',
      port: 0,
      dataDir,
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      callbackDelayMs: 10,
      logger: pino({ level: 'error' }),
    });
    receiver = new CallbackReceiver();
    await receiver.start();
    client = createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: sandbox.url });
  });

  afterEach(async () => {
    await sandbox.close();
    await receiver.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  describe('create', () => {
    it('accepts Cyrillic text', async () => {
      const body = 'Иванов Пётр получил отметку «5» по математике за контрольную работу 12 марта.';

      const message = await client.messages.create({ to: PARENT_NUMBER, from: SENDER, body });

      expect(message.sid).toMatch(/^SM[0-9a-f]{32}$/);
      expect(message.accountSid).toBe(ACCOUNT_SID);
      expect(message.to).toBe(PARENT_NUMBER);
      expect(message.from).toBe(SENDER);
      expect(message.body).toBe(body);
      expect(message.status).toBe('queued');
      expect(message.numSegments).toBe('2');
      expect(message.numMedia).toBe('0');
      expect(message.direction).toBe('outbound-api');
      expect(message.apiVersion).toBe('2010-04-01');
      expect(message.price).toBeNull();
      expect(message.errorCode).toBeNull();
      expect(message.errorMessage).toBeNull();
      expect(message.uri).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${message.sid}.json`);
      expect(Number.isNaN(message.dateCreated.getTime())).toBe(false);
      expect(Number.isNaN(message.dateSent.getTime())).toBe(false);
    });

    it('sends dates in RFC 2822 form', async () => {
      const response = await postForm(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`, {
        To: PARENT_NUMBER,
        From: SENDER,
        Body: 'Test',
      });
      const payload = (await response.json()) as Record<string, unknown>;

      expect(response.status).toBe(201);
      expect(payload['date_created']).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
      expect(payload['num_segments']).toBe('1');
    });

    it('accepts a messaging service instead of From', async () => {
      const messagingServiceSid = 'MG0123456789abcdef0123456789abcdef';

      const message = await client.messages.create({ to: PARENT_NUMBER, messagingServiceSid, body: 'Test' });

      expect(message.messagingServiceSid).toBe(messagingServiceSid);
      expect(message.from).toBeNull();
    });

    it('stores accepted and rejected requests', async () => {
      const accepted = await client.messages.create({ to: PARENT_NUMBER, from: SENDER, body: 'Домашнее задание' });
      await captureRestException(client.messages.create({ to: SANDBOX_NUMBERS.invalidNumber, from: SENDER, body: 'Test' }));

      await waitUntil(async () => (await readSmsRecords(dataDir)).length === 2, 'two lines in messages.jsonl');
      const [first, second] = await readSmsRecords(dataDir);
      expect(first).toMatchObject({
        sid: accepted.sid,
        to: PARENT_NUMBER,
        from: SENDER,
        body: 'Домашнее задание',
        numSegments: 1,
        encoding: 'UCS-2',
        status: 'queued',
        errorCode: null,
      });
      expect(second).toMatchObject({
        sid: null,
        to: SANDBOX_NUMBERS.invalidNumber,
        body: 'Test',
        encoding: 'GSM-7',
        status: 'rejected',
        errorCode: 21211,
      });
      expect(Number.isNaN(Date.parse(first?.createdAt ?? ''))).toBe(false);
    });
  });

  describe('errors', () => {
    it('rejects the invalid sandbox number with 21211', async () => {
      const error = await captureRestException(
        client.messages.create({ to: SANDBOX_NUMBERS.invalidNumber, from: SENDER, body: 'Test' }),
      );

      expect(error.code).toBe(21211);
      expect(error.status).toBe(400);
      expect(error.moreInfo).toBe('https://www.twilio.com/docs/errors/21211');
    });

    it('rejects a number not in E.164 with 21211', async () => {
      const error = await captureRestException(client.messages.create({ to: '89161234567', from: SENDER, body: 'Test' }));

      expect(error.code).toBe(21211);
      expect(error.status).toBe(400);
    });

    it('rejects the unsubscribed number with 21610', async () => {
      const error = await captureRestException(
        client.messages.create({ to: SANDBOX_NUMBERS.unsubscribed, from: SENDER, body: 'Test' }),
      );

      expect(error.code).toBe(21610);
      expect(error.status).toBe(400);
    });

    it('rejects a wrong auth token with 20003', async () => {
      const wrongClient = createTwilioClient({ accountSid: ACCOUNT_SID, authToken: 'wrong-token', apiBaseUrl: sandbox.url });

      const error = await captureRestException(wrongClient.messages.create({ to: PARENT_NUMBER, from: SENDER, body: 'Test' }));

      expect(error.code).toBe(20003);
      expect(error.status).toBe(401);
    });

    it('rejects another account in the path', async () => {
      const otherAccount = 'ACffffffffffffffffffffffffffffffff';

      const response = await postForm(`/2010-04-01/Accounts/${otherAccount}/Messages.json`, {
        To: PARENT_NUMBER,
        From: SENDER,
        Body: 'Test',
      });

      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: 20003, status: 401 });
    });

    it('rejects missing credentials', async () => {
      const response = await fetch(`${sandbox.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'To=%2B79161234567&From=SCHOOL1&Body=Test',
      });

      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: 20003, status: 401 });
    });

    it('rejects missing To with 21604', async () => {
      const response = await postForm(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`, { From: SENDER, Body: 'Test' });

      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 21604, status: 400 });
    });

    it('rejects missing Body with 21602', async () => {
      const error = await captureRestException(client.messages.create({ to: PARENT_NUMBER, from: SENDER }));

      expect(error.code).toBe(21602);
      expect(error.status).toBe(400);
    });

    it('rejects missing From with 21603', async () => {
      const error = await captureRestException(client.messages.create({ to: PARENT_NUMBER, body: 'Test' }));

      expect(error.code).toBe(21603);
      expect(error.status).toBe(400);
    });

    it('rejects a body over 1600 characters with 21617', async () => {
      const error = await captureRestException(
        client.messages.create({ to: PARENT_NUMBER, from: SENDER, body: 'ж'.repeat(1601) }),
      );

      expect(error.code).toBe(21617);
      expect(error.status).toBe(400);
    });

    it('rejects an invalid StatusCallback with 21609', async () => {
      const error = await captureRestException(
        client.messages.create({ to: PARENT_NUMBER, from: SENDER, body: 'Test', statusCallback: 'ftp://127.0.0.1/cb' }),
      );

      expect(error.code).toBe(21609);
      expect(error.status).toBe(400);
    });

    it('returns 404 for an unknown message', async () => {
      const error = await captureRestException(client.messages('SM00000000000000000000000000000000').fetch());

      expect(error.code).toBe(20404);
      expect(error.status).toBe(404);
    });

    it('returns 404 for an unknown route', async () => {
      const response = await fetch(`${sandbox.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`);

      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: 20404, status: 404 });
    });
  });

  describe('status callbacks', () => {
    it('posts sent then delivered', async () => {
      const statusCallback = `${receiver.url}/status?school=1`;

      const message = await client.messages.create({ to: PARENT_NUMBER, from: SENDER, body: 'Тест', statusCallback });
      const callbacks = await receiver.waitForStatuses(message.sid, 2);

      expect(callbacks.map((callback) => callback.params['MessageStatus'])).toEqual(['sent', 'delivered']);
      expect(callbacks[1]?.params).toEqual({
        AccountSid: ACCOUNT_SID,
        ApiVersion: '2010-04-01',
        From: SENDER,
        MessageSid: message.sid,
        MessageStatus: 'delivered',
        SmsSid: message.sid,
        SmsStatus: 'delivered',
        To: PARENT_NUMBER,
      });
      expect(callbacks[1]?.path).toBe('/status?school=1');
    });

    it('signs callbacks like Twilio', async () => {
      const statusCallback = `${receiver.url}/status`;

      const message = await client.messages.create({ to: PARENT_NUMBER, from: SENDER, body: 'Тест', statusCallback });
      const [callback] = await receiver.waitForStatuses(message.sid, 1);

      expect(callback?.signature).toBeDefined();
      expect(twilio.validateRequest(AUTH_TOKEN, callback?.signature ?? '', statusCallback, callback?.params ?? {})).toBe(true);
      expect(twilio.validateRequest('other-token', callback?.signature ?? '', statusCallback, callback?.params ?? {})).toBe(false);
    });

    it('updates the fetched status', async () => {
      const message = await client.messages.create({ to: PARENT_NUMBER, from: SENDER, body: 'Тест' });

      await waitForStatus(message.sid, 'delivered');

      const fetched = await client.messages(message.sid).fetch();
      expect(fetched.status).toBe('delivered');
      expect(fetched.errorCode).toBeNull();
    });

    it('reports unreachable as undelivered with 30003', async () => {
      const statusCallback = `${receiver.url}/status`;

      const message = await client.messages.create({ to: SANDBOX_NUMBERS.unreachable, from: SENDER, body: 'Тест', statusCallback });
      const callbacks = await receiver.waitForStatuses(message.sid, 2);

      expect(message.status).toBe('queued');
      expect(callbacks.map((callback) => callback.params['MessageStatus'])).toEqual(['sent', 'undelivered']);
      expect(callbacks[0]?.params['ErrorCode']).toBeUndefined();
      expect(callbacks[1]?.params['ErrorCode']).toBe('30003');
      const fetched = await client.messages(message.sid).fetch();
      expect(fetched.status).toBe('undelivered');
      expect(fetched.errorCode).toBe(30003);
    });

    it('reports landline as failed with 30006', async () => {
      const statusCallback = `${receiver.url}/status`;

      const message = await client.messages.create({ to: SANDBOX_NUMBERS.landline, from: SENDER, body: 'Тест', statusCallback });
      const callbacks = await receiver.waitForStatuses(message.sid, 1);
      await waitForStatus(message.sid, 'failed');

      expect(callbacks.map((callback) => callback.params['MessageStatus'])).toEqual(['failed']);
      expect(callbacks[0]?.params['ErrorCode']).toBe('30006');
      const fetched = await client.messages(message.sid).fetch();
      expect(fetched.errorCode).toBe(30006);
      expect(receiver.forMessage(message.sid)).toHaveLength(1);
    });

    it('posts to localhost by name', async () => {
      const statusCallback = `${receiver.url.replace('127.0.0.1', 'localhost')}/status`;

      const message = await client.messages.create({ to: PARENT_NUMBER, from: SENDER, body: 'Тест', statusCallback });
      const callbacks = await receiver.waitForStatuses(message.sid, 2);

      expect(callbacks.map((callback) => callback.params['MessageStatus'])).toEqual(['sent', 'delivered']);
    });

    it('does not contact a non-loopback host', async () => {
      const statusCallback = 'http://example.invalid/cb';

      const message = await client.messages.create({ to: PARENT_NUMBER, from: SENDER, body: 'Тест', statusCallback });
      await waitForStatus(message.sid, 'delivered');

      expect(receiver.received).toHaveLength(0);
      const stored = (await sandboxMessages()).find((record) => record.sid === message.sid);
      expect(stored?.statusCallback).toBe(statusCallback);
      expect(stored?.note).toContain('example.invalid is not a loopback host');
    });

    it('survives failing callback endpoints', async () => {
      const closedServer = http.createServer();
      await new Promise<void>((resolve) => closedServer.listen(0, '127.0.0.1', resolve));
      const closedPort = (closedServer.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closedServer.close(() => resolve()));

      const refused = await client.messages.create({
        to: PARENT_NUMBER,
        from: SENDER,
        body: 'Тест',
        statusCallback: `http://127.0.0.1:${closedPort}/cb`,
      });
      const erroring = await client.messages.create({
        to: PARENT_NUMBER,
        from: SENDER,
        body: 'Тест',
        statusCallback: `${receiver.url}/broken`,
      });
      await waitForStatus(refused.sid, 'delivered');
      await receiver.waitForStatuses(erroring.sid, 2);

      const health = await fetch(`${sandbox.url}/health`);
      expect(health.status).toBe(200);
    });
  });

  describe('runtime scripts', () => {
    it('applies a script the given number of times', async () => {
      const added = await postScript({ to: PARENT_NUMBER, errorCode: 21610, times: 1 });
      expect(added.status).toBe(201);

      const error = await captureRestException(client.messages.create({ to: PARENT_NUMBER, from: SENDER, body: 'Test' }));
      const message = await client.messages.create({ to: PARENT_NUMBER, from: SENDER, body: 'Test' });

      expect(error.code).toBe(21610);
      expect(message.status).toBe('queued');
    });

    it('scripts a delivery failure', async () => {
      await postScript({ to: PARENT_NUMBER, errorCode: 30003 });
      const statusCallback = `${receiver.url}/status`;

      const message = await client.messages.create({ to: PARENT_NUMBER, from: SENDER, body: 'Test', statusCallback });
      const callbacks = await receiver.waitForStatuses(message.sid, 2);

      expect(callbacks[1]?.params['MessageStatus']).toBe('undelivered');
      expect(callbacks[1]?.params['ErrorCode']).toBe('30003');
    });

    it('scripts a 429 response', async () => {
      await postScript({ to: PARENT_NUMBER, errorCode: 20429, times: 1 });

      const error = await captureRestException(client.messages.create({ to: PARENT_NUMBER, from: SENDER, body: 'Test' }));

      expect(error.status).toBe(429);
      expect(error.code).toBe(20429);
    });

    it('clears runtime scripts', async () => {
      await postScript({ to: PARENT_NUMBER, errorCode: 21610 });

      const cleared = await fetch(`${sandbox.url}/sandbox/scripts`, { method: 'DELETE' });
      const message = await client.messages.create({ to: PARENT_NUMBER, from: SENDER, body: 'Test' });

      expect(await cleared.json()).toEqual({ removed: 1 });
      expect(message.status).toBe('queued');
    });

    it('keeps fixed numbers after clearing', async () => {
      await fetch(`${sandbox.url}/sandbox/scripts`, { method: 'DELETE' });

      const error = await captureRestException(
        client.messages.create({ to: SANDBOX_NUMBERS.unsubscribed, from: SENDER, body: 'Test' }),
      );

      expect(error.code).toBe(21610);
    });

    it.each([
      ['an unknown error code', { to: PARENT_NUMBER, errorCode: 12345 }, 'Invalid "errorCode"'],
      ['a number not in E.164', { to: '8916', errorCode: 21610 }, 'Invalid "to"'],
      ['zero times', { to: PARENT_NUMBER, errorCode: 21610, times: 0 }, 'Invalid "times"'],
    ])('rejects a script with %s', async (_case, script, expectedMessage) => {
      const response = await postScript(script);
      const payload = (await response.json()) as { message: string };

      expect(response.status).toBe(400);
      expect(payload.message).toContain(expectedMessage);
    });
  });

  describe('sandbox endpoints', () => {
    it('reports health', async () => {
      const response = await fetch(`${sandbox.url}/health`);

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    });

    it('lists messages with current status', async () => {
      const message = await client.messages.create({ to: PARENT_NUMBER, from: SENDER, body: 'Тест' });
      await waitForStatus(message.sid, 'delivered');

      const [listed] = await sandboxMessages();

      expect(listed?.sid).toBe(message.sid);
      expect(listed?.status).toBe('delivered');
      expect(listed?.encoding).toBe('UCS-2');
    });
  });
});

describe('status callback URL check', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.10.20.30', true],
    ['localhost', true],
    ['[::1]', true],
    ['example.invalid', false],
    ['10.0.0.1', false],
    ['169.254.169.254', false],
    ['0.0.0.0', false],
    ['[::ffff:7f00:1]', false],
    ['localhost.example.org', false],
  ])('treats %s as loopback: %s', (hostname, expected) => {
    expect(isLoopbackHostname(hostname)).toBe(expected);
  });

  it.each([
    ['http://127.0.0.1:8080/cb', null],
    ['https://localhost/cb', null],
    ['http://[::1]:9000/cb', null],
    ['http://example.invalid/cb', 'not-loopback'],
    ['ftp://127.0.0.1/cb', 'invalid'],
    ['not a url', 'invalid'],
  ])('checks %s', (url, expectedReason) => {
    expect(checkStatusCallbackUrl(url)?.reason ?? null).toBe(expectedReason);
  });
});
