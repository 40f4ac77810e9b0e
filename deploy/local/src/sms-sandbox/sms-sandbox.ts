/**
 * Local stand-in for the part of Twilio's REST API (2010-04-01) that `client.messages.create`
 * and `client.messages(sid).fetch` of the twilio SDK use, with status callbacks.
 *
 * Twilio API routes, HTTP Basic auth with accountSid:authToken:
 * - POST /2010-04-01/Accounts/{AccountSid}/Messages.json creates a message from a form body with
 *   To, From or MessagingServiceSid, Body and optional StatusCallback.
 * - GET /2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json returns the message with its current status.
 * Sandbox routes, without auth:
 * - GET /health, GET /sandbox/messages,
 * - POST /sandbox/scripts with JSON { to, errorCode, times? } adds a scripted failure,
 *   GET lists the scripts and DELETE removes them.
 *
 * An accepted message goes queued -> sent -> delivered, or queued -> sent -> undelivered, or
 * queued -> failed, one step every callbackDelayMs. Each step is POSTed to StatusCallback, signed
 * with X-Twilio-Signature, when that URL is on a loopback host. The sandbox never contacts other
 * hosts: such a message progresses the same way, with a note in its record and a logged warning.
 *
 * Each create request with valid auth and a form body is appended to messages.jsonl, accepted or
 * rejected. The status changes that follow are kept in memory only.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import pino, { type Logger } from 'pino';
import { API_VERSION, newMessageSid, type SandboxMessage, toMessageResource } from './message-resource';
import { type DeliveryError, findScriptableError, ScriptRegistry, scriptableErrorCodes } from './scripted-errors';
import { countSegments } from './segments';
import { type MessageStatus, SMS_MESSAGES_FILE, type SmsRecord } from './sms-sandbox-store';
import { checkStatusCallbackUrl, postStatusCallback } from './status-callbacks';

export interface SmsSandboxOptions {
  host: string;
  /** TCP port, 0 picks a free one. */
  port: number;
  dataDir: string;
  /** Account SID that clients must use: 'AC' and 32 hex digits. */
  accountSid: string;
  authToken: string;
  /** Time between status steps of a message, in milliseconds. Defaults to 100. */
  callbackDelayMs?: number;
  /** Defaults to a pino logger named 'sms-sandbox'. */
  logger?: Logger;
}

export interface SmsSandbox {
  port: number;
  /** Base URL to give createTwilioClient as apiBaseUrl, such as http://127.0.0.1:3090. */
  url: string;
  close(): Promise<void>;
}

const E164_PATTERN = /^\+[1-9]\d{7,14}$/;
const ACCOUNT_SID_PATTERN = /^AC[0-9a-fA-F]{32}$/;

const DEFAULT_CALLBACK_DELAY_MS = 100;
const CALLBACK_TIMEOUT_MS = 10_000;
const MAX_REQUEST_BODY_BYTES = 64 * 1024;
// Twilio rejects longer bodies with error 21617.
const MAX_BODY_CHARACTERS = 1600;

const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;
const MESSAGE_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\/([^/]+)\.json$/;

/** Starts the sandbox and resolves once it listens. */
export async function startSmsSandbox(options: SmsSandboxOptions): Promise<SmsSandbox> {
  if (!ACCOUNT_SID_PATTERN.test(options.accountSid)) {
    throw new Error(`Invalid accountSid ${JSON.stringify(options.accountSid)}: expected 'AC' and 32 hex digits`);
  }
  if (options.authToken === '') {
    throw new Error('Invalid authToken: must not be empty');
  }
  const callbackDelayMs = options.callbackDelayMs ?? DEFAULT_CALLBACK_DELAY_MS;
  if (!Number.isFinite(callbackDelayMs) || callbackDelayMs < 0) {
    throw new Error(`Invalid callbackDelayMs ${callbackDelayMs}: expected a number of milliseconds >= 0`);
  }

  await mkdir(options.dataDir, { recursive: true });
  const sandbox = new SmsSandboxServer({
    dataDir: options.dataDir,
    accountSid: options.accountSid,
    authToken: options.authToken,
    callbackDelayMs,
    logger: options.logger ?? pino({ name: 'sms-sandbox' }),
  });

  const server = http.createServer((request, response) => sandbox.handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const { port } = server.address() as AddressInfo;
  const urlHost = urlHostFor(options.host);
  let closing: Promise<void> | undefined;
  const closeSandbox = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Keep-alive sockets of the twilio SDK would otherwise hold server.close() open.
    server.closeAllConnections();
    await sandbox.stop();
    await closed;
  };

  return {
    port,
    url: `http://${urlHost}:${port}`,
    close: () => {
      closing ??= closeSandbox();
      return closing;
    },
  };
}

/** Returns the host part of the sandbox URL, with a wildcard listen address replaced by loopback. */
function urlHostFor(listenHost: string): string {
  if (listenHost === '0.0.0.0') return '127.0.0.1';
  if (listenHost === '::') return '[::1]';
  return listenHost.includes(':') ? `[${listenHost}]` : listenHost;
}

interface SandboxSettings {
  dataDir: string;
  accountSid: string;
  authToken: string;
  callbackDelayMs: number;
  logger: Logger;
}

type ScriptedDeliveryError = DeliveryError & { code: number };

/** A status step of an accepted message. */
interface StatusStep {
  status: MessageStatus;
  error: { code: number; message: string } | null;
}

class HttpError extends Error {
  constructor(
    readonly httpStatus: number,
    message: string,
  ) {
    super(message);
  }
}

class SmsSandboxServer {
  private readonly records: SmsRecord[] = [];
  private readonly messagesBySid = new Map<string, SandboxMessage>();
  private readonly scripts = new ScriptRegistry();
  private readonly shutdown = new AbortController();
  private readonly lifecycles = new Set<Promise<void>>();
  private writeQueue: Promise<unknown> = Promise.resolve();

  constructor(private readonly settings: SandboxSettings) {}

  handle(request: IncomingMessage, response: ServerResponse): void {
    this.route(request, response).catch((error: unknown) => {
      if (error instanceof HttpError) {
        this.settings.logger.info({ httpStatus: error.httpStatus, method: request.method, path: request.url }, 'Request rejected');
        // `message` is the field the twilio SDK copies into RestException.message.
        sendJson(response, error.httpStatus, { status: error.httpStatus, message: error.message });
        return;
      }
      this.settings.logger.error({ err: error, method: request.method, path: request.url }, 'Request failed');
      if (!response.headersSent) {
        sendTwilioError(response, 500, 20500, 'An internal server error has occurred');
      } else {
        response.destroy();
      }
    });
  }

  /** Stops the status lifecycles and waits for them and for pending writes to finish. */
  async stop(): Promise<void> {
    this.shutdown.abort();
    await Promise.allSettled([...this.lifecycles]);
    await this.writeQueue;
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://sandbox.localhost').pathname;
    const method = request.method ?? 'GET';

    if (path === '/health') {
      if (method !== 'GET') return sendMethodNotAllowed(response, path);
      return sendJson(response, 200, { status: 'ok' });
    }
    if (path === '/sandbox/messages') {
      if (method !== 'GET') return sendMethodNotAllowed(response, path);
      return sendJson(response, 200, { messages: this.records.map((record) => this.currentView(record)) });
    }
    if (path === '/sandbox/scripts') {
      return this.handleScripts(method, request, response);
    }

    const createMatch = MESSAGES_PATH.exec(path);
    if (createMatch) {
      if (method !== 'POST') return sendMethodNotAllowed(response, path);
      if (!this.isAuthorized(request, createMatch[1] ?? '')) return sendAuthenticationError(response);
      return this.createMessage(request, response);
    }

    const fetchMatch = MESSAGE_PATH.exec(path);
    if (fetchMatch) {
      if (method !== 'GET') return sendMethodNotAllowed(response, path);
      if (!this.isAuthorized(request, fetchMatch[1] ?? '')) return sendAuthenticationError(response);
      const message = this.messagesBySid.get(fetchMatch[2] ?? '');
      if (!message) return sendNotFound(response, path);
      return sendJson(response, 200, toMessageResource(message));
    }

    return sendNotFound(response, path);
  }

  private isAuthorized(request: IncomingMessage, pathAccountSid: string): boolean {
    const header = request.headers.authorization ?? '';
    const match = /^Basic\s+(\S+)$/i.exec(header);
    if (!match?.[1]) return false;

    const credentials = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = credentials.indexOf(':');
    if (colon === -1) return false;

    const usernameMatches = constantTimeEqual(credentials.slice(0, colon), this.settings.accountSid);
    const passwordMatches = constantTimeEqual(credentials.slice(colon + 1), this.settings.authToken);
    return usernameMatches && passwordMatches && pathAccountSid === this.settings.accountSid;
  }

  private async createMessage(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const contentType = request.headers['content-type'] ?? '';
    if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      throw new HttpError(415, `Expected Content-Type application/x-www-form-urlencoded, got ${JSON.stringify(contentType)}`);
    }
    const params = new URLSearchParams((await readBody(request)).toString('utf8'));

    const to = params.get('To');
    const from = params.get('From');
    const messagingServiceSid = params.get('MessagingServiceSid');
    const body = params.get('Body');
    const statusCallback = params.get('StatusCallback');
    const rejected = (httpStatus: number, code: number, message: string) =>
      this.rejectMessage(response, { httpStatus, code, message }, { to, from, messagingServiceSid, body, statusCallback });

    if (!to) return rejected(400, 21604, "A 'To' phone number is required.");
    if (!from && !messagingServiceSid) {
      return rejected(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message");
    }
    if (!body) return rejected(400, 21602, 'Message body is required.');
    if (!E164_PATTERN.test(to)) return rejected(400, 21211, `Invalid 'To' Phone Number: ${to}`);
    if (Array.from(body).length > MAX_BODY_CHARACTERS) {
      return rejected(400, 21617, `The concatenated message body exceeds the ${MAX_BODY_CHARACTERS} character limit.`);
    }
    if (statusCallback && checkStatusCallbackUrl(statusCallback)?.reason === 'invalid') {
      return rejected(400, 21609, `The StatusCallback URL ${statusCallback} is not a valid URL.`);
    }

    let deliveryError: ScriptedDeliveryError | null = null;
    const scriptedCode = this.scripts.takeErrorCode(to);
    const scriptedError = scriptedCode === null ? undefined : findScriptableError(scriptedCode);
    if (scriptedCode !== null && scriptedError) {
      if (scriptedError.kind === 'create') {
        return rejected(scriptedError.httpStatus, scriptedCode, scriptedError.message(to));
      }
      deliveryError = { code: scriptedCode, ...scriptedError };
    }

    const message = this.acceptMessage({ to, from, messagingServiceSid, body, statusCallback });
    sendJson(response, 201, toMessageResource(message));
    this.startLifecycle(message, deliveryError);
  }

  private acceptMessage(fields: {
    to: string;
    from: string | null;
    messagingServiceSid: string | null;
    body: string;
    statusCallback: string | null;
  }): SandboxMessage {
    const now = new Date();
    const segments = countSegments(fields.body);
    const sid = newMessageSid();

    let note: string | null = null;
    const callbackProblem = fields.statusCallback ? checkStatusCallbackUrl(fields.statusCallback) : null;
    if (callbackProblem) {
      note = `Status callbacks not sent because ${callbackProblem.detail}. The sandbox calls loopback hosts only.`;
      this.settings.logger.warn({ sid, detail: callbackProblem.detail }, 'Status callback URL is not on a loopback host, callbacks will be skipped');
    }

    const record = {
      sid,
      to: fields.to,
      from: fields.from,
      messagingServiceSid: fields.messagingServiceSid,
      body: fields.body,
      numSegments: segments.numSegments,
      encoding: segments.encoding,
      status: 'queued' as const,
      errorCode: null,
      createdAt: now.toISOString(),
      statusCallback: fields.statusCallback,
      note,
    };
    const message: SandboxMessage = {
      record,
      accountSid: this.settings.accountSid,
      status: 'queued',
      errorCode: null,
      errorMessage: null,
      dateCreated: now,
      dateUpdated: now,
      dateSent: now,
    };

    this.records.push(record);
    this.messagesBySid.set(sid, message);
    this.appendRecord(record);
    this.settings.logger.info({ sid, numSegments: segments.numSegments, encoding: segments.encoding }, 'SMS accepted');
    return message;
  }

  private rejectMessage(
    response: ServerResponse,
    error: { httpStatus: number; code: number; message: string },
    fields: { to: string | null; from: string | null; messagingServiceSid: string | null; body: string | null; statusCallback: string | null },
  ): void {
    const segments = fields.body ? countSegments(fields.body) : null;
    const record: SmsRecord = {
      sid: null,
      ...fields,
      numSegments: segments?.numSegments ?? null,
      encoding: segments?.encoding ?? null,
      status: 'rejected',
      errorCode: error.code,
      createdAt: new Date().toISOString(),
      note: null,
    };

    this.records.push(record);
    this.appendRecord(record);
    this.settings.logger.info({ errorCode: error.code, httpStatus: error.httpStatus }, 'SMS rejected');
    sendTwilioError(response, error.httpStatus, error.code, error.message);
  }

  private appendRecord(record: SmsRecord): void {
    const line = `${JSON.stringify(record)}\n`;
    const filePath = join(this.settings.dataDir, SMS_MESSAGES_FILE);
    // Chained so that lines never interleave and the file order is the request order.
    this.writeQueue = this.writeQueue
      .then(() => appendFile(filePath, line, 'utf8'))
      .catch((error: unknown) => {
        this.settings.logger.error({ err: error, sid: record.sid, filePath }, 'Failed to append to messages.jsonl');
      });
  }

  private startLifecycle(message: SandboxMessage, deliveryError: ScriptedDeliveryError | null): void {
    const lifecycle = this.runLifecycle(message, lifecycleSteps(deliveryError)).catch((error: unknown) => {
      if (this.shutdown.signal.aborted) return;
      this.settings.logger.error({ err: error, sid: message.record.sid }, 'Status lifecycle failed');
    });
    this.lifecycles.add(lifecycle);
    void lifecycle.finally(() => this.lifecycles.delete(lifecycle));
  }

  private async runLifecycle(message: SandboxMessage, steps: StatusStep[]): Promise<void> {
    const { statusCallback } = message.record;
    const callbackUrl = statusCallback && checkStatusCallbackUrl(statusCallback) === null ? statusCallback : null;

    for (const step of steps) {
      await delay(this.settings.callbackDelayMs, undefined, { signal: this.shutdown.signal });

      const now = new Date();
      message.status = step.status;
      message.errorCode = step.error?.code ?? null;
      message.errorMessage = step.error?.message ?? null;
      message.dateUpdated = now;
      if (step.status === 'sent') message.dateSent = now;
      this.settings.logger.debug({ sid: message.record.sid, status: step.status }, 'SMS status changed');

      if (callbackUrl) {
        await this.sendStatusCallback(message, callbackUrl);
      }
    }
  }

  private async sendStatusCallback(message: SandboxMessage, callbackUrl: string): Promise<void> {
    const { record } = message;
    const params: Record<string, string> = {
      AccountSid: message.accountSid,
      ApiVersion: API_VERSION,
      MessageSid: record.sid,
      MessageStatus: message.status,
      SmsSid: record.sid,
      SmsStatus: message.status,
      To: record.to ?? '',
    };
    if (record.from) params['From'] = record.from;
    if (record.messagingServiceSid) params['MessagingServiceSid'] = record.messagingServiceSid;
    if (message.errorCode !== null) params['ErrorCode'] = String(message.errorCode);

    try {
      const httpStatus = await postStatusCallback(callbackUrl, params, {
        authToken: this.settings.authToken,
        timeoutMs: CALLBACK_TIMEOUT_MS,
        signal: this.shutdown.signal,
      });
      if (httpStatus < 200 || httpStatus >= 300) {
        this.settings.logger.warn({ sid: record.sid, status: message.status, httpStatus }, 'Status callback got a non-2xx response');
      }
    } catch (error) {
      if (this.shutdown.signal.aborted) return;
      this.settings.logger.warn({ sid: record.sid, status: message.status, err: error }, 'Status callback failed');
    }
  }

  private async handleScripts(method: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (method === 'GET') {
      return sendJson(response, 200, { scripts: this.scripts.list() });
    }
    if (method === 'DELETE') {
      return sendJson(response, 200, { removed: this.scripts.clear() });
    }
    if (method !== 'POST') {
      return sendMethodNotAllowed(response, '/sandbox/scripts');
    }

    const text = (await readBody(request)).toString('utf8');
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'Invalid JSON body: expected { "to": "+7...", "errorCode": 30003, "times": 1 }');
    }
    const { to, errorCode, times } = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;

    if (typeof to !== 'string' || !E164_PATTERN.test(to)) {
      throw new HttpError(400, `Invalid "to" ${JSON.stringify(to)}: expected an E.164 number such as +79991234567`);
    }
    if (typeof errorCode !== 'number' || !findScriptableError(errorCode)) {
      throw new HttpError(400, `Invalid "errorCode" ${JSON.stringify(errorCode)}: expected one of ${scriptableErrorCodes().join(', ')}`);
    }
    if (times !== undefined && times !== null && !(Number.isInteger(times) && (times as number) > 0)) {
      throw new HttpError(400, `Invalid "times" ${JSON.stringify(times)}: expected a positive integer, or omit it for no limit`);
    }

    const script = this.scripts.add(to, errorCode, typeof times === 'number' ? times : null);
    sendJson(response, 201, { script });
  }

  private currentView(record: SmsRecord): SmsRecord & { updatedAt: string } {
    const message = record.sid ? this.messagesBySid.get(record.sid) : undefined;
    if (!message) return { ...record, updatedAt: record.createdAt };
    return {
      ...record,
      status: message.status,
      errorCode: message.errorCode,
      updatedAt: message.dateUpdated.toISOString(),
    };
  }
}

/** Returns the status steps after 'queued': undelivered follows sent, failed comes without it. */
function lifecycleSteps(deliveryError: ScriptedDeliveryError | null): StatusStep[] {
  if (!deliveryError) {
    return [
      { status: 'sent', error: null },
      { status: 'delivered', error: null },
    ];
  }

  const failure: StatusStep = {
    status: deliveryError.status,
    error: { code: deliveryError.code, message: deliveryError.message },
  };
  return deliveryError.status === 'undelivered' ? [{ status: 'sent', error: null }, failure] : [failure];
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BODY_BYTES) {
      throw new HttpError(413, `Request body exceeds ${MAX_REQUEST_BODY_BYTES} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function constantTimeEqual(actual: string, expected: string): boolean {
  // Hashing first gives equal lengths, which timingSafeEqual requires.
  const actualDigest = createHash('sha256').update(actual).digest();
  const expectedDigest = createHash('sha256').update(expected).digest();
  return timingSafeEqual(actualDigest, expectedDigest);
}

function sendJson(response: ServerResponse, httpStatus: number, payload: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(payload);
  response.writeHead(httpStatus, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  response.end(body);
}

/** Sends an error in the JSON shape of Twilio's API, which the SDK turns into a RestException. */
function sendTwilioError(response: ServerResponse, httpStatus: number, code: number, message: string, headers: Record<string, string> = {}): void {
  sendJson(response, httpStatus, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status: httpStatus }, headers);
}

function sendAuthenticationError(response: ServerResponse): void {
  sendTwilioError(response, 401, 20003, 'Authenticate', { 'WWW-Authenticate': 'Basic realm="Twilio API"' });
}

function sendNotFound(response: ServerResponse, path: string): void {
  sendTwilioError(response, 404, 20404, `The requested resource ${path} was not found`);
}

function sendMethodNotAllowed(response: ServerResponse, path: string): void {
  sendTwilioError(response, 405, 20004, `Method not allowed on ${path}`);
}
