import http from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { createTwilioClient, rewriteTwilioApiUri, TwilioApiRedirectClient } from './twilio-client';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'test-auth-token';
const SANDBOX_ORIGIN = 'http://127.0.0.1:3090';
const STUB_MESSAGE_SID = 'SM0123456789abcdef0123456789abcdef';

describe('rewriteTwilioApiUri', () => {
  it('redirects api.twilio.com', () => {
    const uri = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`;

    expect(rewriteTwilioApiUri(uri, SANDBOX_ORIGIN)).toBe(`${SANDBOX_ORIGIN}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
  });

  it('redirects a regional host', () => {
    const uri = `https://api.dublin.ie1.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`;

    expect(rewriteTwilioApiUri(uri, SANDBOX_ORIGIN)).toBe(`${SANDBOX_ORIGIN}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
  });

  it('keeps path and query', () => {
    const uri = 'https://messaging.twilio.com/v1/Services/MG0123/PhoneNumbers?PageSize=50&Page=2&To=%2B79991234567';

    expect(rewriteTwilioApiUri(uri, SANDBOX_ORIGIN)).toBe(
      `${SANDBOX_ORIGIN}/v1/Services/MG0123/PhoneNumbers?PageSize=50&Page=2&To=%2B79991234567`,
    );
  });

  it('replaces an explicit port', () => {
    expect(rewriteTwilioApiUri('https://tls-test.twilio.com:443/', SANDBOX_ORIGIN)).toBe(`${SANDBOX_ORIGIN}/`);
  });

  it.each([
    ['another host', 'https://example.org/2010-04-01/Accounts.json'],
    ['a look-alike suffix', 'https://api.twilio.com.example.org/2010-04-01/Accounts.json'],
    ['a look-alike name', 'https://nottwilio.com/2010-04-01/Accounts.json'],
    ['plain http', 'http://api.twilio.com/2010-04-01/Accounts.json'],
    ['text that is not a URL', 'not a url'],
  ])('leaves %s unchanged', (_case, uri) => {
    expect(rewriteTwilioApiUri(uri, SANDBOX_ORIGIN)).toBe(uri);
  });
});

describe('createTwilioClient', () => {
  it('uses the stock client without apiBaseUrl', () => {
    const client = createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });

    expect(client.httpClient).toBeInstanceOf(twilio.RequestClient);
    expect(client.httpClient).not.toBeInstanceOf(TwilioApiRedirectClient);
  });

  it('uses the redirect client with apiBaseUrl', () => {
    const client = createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: SANDBOX_ORIGIN });

    expect(client.httpClient).toBeInstanceOf(TwilioApiRedirectClient);
  });

  it.each([
    ['a path', 'http://127.0.0.1:3090/twilio'],
    ['a query', 'http://127.0.0.1:3090/?x=1'],
    ['credentials', 'http://user:secret@127.0.0.1:3090'],
    ['another protocol', 'ftp://127.0.0.1:3090'],
    ['text that is not a URL', '127.0.0.1:3090'],
  ])('rejects apiBaseUrl with %s', (_case, apiBaseUrl) => {
    expect(() => createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl })).toThrow('Invalid apiBaseUrl');
  });
});

describe('TwilioApiRedirectClient requests', () => {
  interface RecordedRequest {
    method: string;
    url: string;
    authorization: string | undefined;
    contentType: string | undefined;
    userAgent: string | undefined;
    body: string;
  }

  let server: http.Server;
  let origin: string;
  let recorded: RecordedRequest[];

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        recorded.push({
          method: request.method ?? '',
          url: request.url ?? '',
          authorization: request.headers.authorization,
          contentType: request.headers['content-type'],
          userAgent: request.headers['user-agent'],
          body: Buffer.concat(chunks).toString('utf8'),
        });
        const payload =
          request.method === 'POST'
            ? { sid: STUB_MESSAGE_SID, status: 'queued', num_segments: '1' }
            : { messages: [], next_page_uri: null, page: 0, page_size: 1, uri: request.url };
        response.writeHead(request.method === 'POST' ? 201 : 200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(payload));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    recorded = [];
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends path, query and auth to the new origin', async () => {
    const client = createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: origin });

    await client.messages.list({ to: '+79991234567', limit: 1 });

    expect(recorded).toHaveLength(1);
    const [request] = recorded;
    expect(request?.method).toBe('GET');
    expect(request?.url).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json?To=%2B79991234567&PageSize=1`);
    expect(request?.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`);
    expect(request?.userAgent).toMatch(/^twilio-node\//);
  });

  it('sends form parameters and returns the response', async () => {
    const client = createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: origin });

    const message = await client.messages.create({ to: '+79991234567', from: 'SCHOOL', body: 'Отметка: 5' });

    expect(message.sid).toBe(STUB_MESSAGE_SID);

    expect(recorded).toHaveLength(1);
    const [request] = recorded;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(request?.contentType).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(request?.body ?? ''))).toEqual({
      To: '+79991234567',
      From: 'SCHOOL',
      Body: 'Отметка: 5',
    });
  });
});
