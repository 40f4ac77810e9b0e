/**
 * Local SMTP server for development, tests and the demo. It takes mail without authentication
 * or TLS and stores each message, so tests can read exactly what a parent would receive.
 *
 * Storage, inside `dataDir`:
 * - `messages/<id>.eml` contains the message bytes as received after DATA, with SMTP dot-stuffing
 *   removed and nothing added.
 * - `index.jsonl` gets one JSON line per message (see MailIndexEntry in mail-sink-store.ts).
 *   The .eml file is complete before its index line is appended, so every line points at an
 *   existing file.
 * Message ids sort in the order one sink process stored the messages: an ISO 8601 UTC timestamp
 * with ':' replaced by '-', a counter within the millisecond and a random suffix.
 *
 * Scripted failures, chosen by the local part of a RCPT TO address (case-insensitive):
 * - `fail-4xx...@any.domain` gets 451, a temporary failure, at RCPT TO.
 * - `fail-5xx...@any.domain` gets 550, a permanent failure, at RCPT TO.
 * - `slow-<N>ms...@any.domain` delays the reply to the end of DATA by N milliseconds, capped at
 *   120000. The message is stored when the delay ends. With several slow recipients the longest
 *   delay applies. A local part that starts with `slow-` in any other form gets 553 at RCPT TO.
 * Other recipients of the same message are accepted as usual.
 *
 * Messages over 10 MiB get 552 and are not stored. 8BITMIME and SMTPUTF8 are advertised.
 */
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, rename, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { simpleParser } from 'mailparser';
import pino, { type Logger } from 'pino';
import {
  SMTPServer,
  type SMTPServerAddress,
  type SMTPServerDataStream,
  type SMTPServerSession,
} from 'smtp-server';
import { MAIL_INDEX_FILE, MAIL_MESSAGES_DIR, type MailIndexEntry } from './mail-sink-store';

export interface MailSinkOptions {
  host: string;
  /** TCP port, 0 picks a free one. */
  port: number;
  dataDir: string;
  /** Defaults to a pino logger named 'mail-sink'. */
  logger?: Logger;
}

export interface MailSink {
  /** Port the sink listens on, the chosen one when the options asked for 0. */
  port: number;
  close(): Promise<void>;
}

/** Largest accepted message in bytes. */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/** Upper bound of the `slow-<N>ms` delay, in milliseconds. */
export const MAX_SLOW_REPLY_MS = 120_000;

const SLOW_LOCAL_PART_PATTERN = /^slow-(\d+)ms/i;

// Clients still connected when close() is called get 421 after this many milliseconds.
const CLOSE_TIMEOUT_MS = 1_000;

class SmtpReplyError extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'SmtpReplyError';
  }
}

/** Starts the sink and resolves once it listens. */
export async function startMailSink(options: MailSinkOptions): Promise<MailSink> {
  const logger = options.logger ?? pino({ name: 'mail-sink' });
  const writer = new MailWriter(options.dataDir, logger);
  await writer.init();

  // Aborted by close(), so a pending slow reply ends instead of keeping the process alive.
  const shutdown = new AbortController();
  const pendingDeliveries = new Set<Promise<void>>();

  const server = new SMTPServer({
    name: 'mail-sink.localhost',
    banner: 'Local mail sink for development and tests',
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_MESSAGE_BYTES,
    rejectOversized: true,
    // Reverse DNS of the client address would query the system resolver for every connection.
    disableReverseLookup: true,
    closeTimeout: CLOSE_TIMEOUT_MS,
    logger: false,

    onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (err?: Error | null) => void) {
      callback(scriptedRecipientError(address.address));
    },

    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null, message?: string) => void) {
      const delivery = receiveMessage(stream, session, { writer, logger, signal: shutdown.signal }).then(
        (reply) => callback(null, reply),
        (error: unknown) => callback(toSmtpReplyError(error, session.id, shutdown.signal.aborted, logger)),
      );
      pendingDeliveries.add(delivery);
      void delivery.finally(() => pendingDeliveries.delete(delivery));
    },
  });

  // smtp-server emits connection errors here, and an EventEmitter without an 'error' listener throws.
  server.on('error', (error) => {
    logger.warn({ err: error }, 'SMTP connection error');
  });

  await listen(server, options.port, options.host);
  const port = (server.server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  const closeSink = async () => {
    shutdown.abort();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await Promise.allSettled([...pendingDeliveries]);
  };

  return {
    port,
    close: () => {
      closing ??= closeSink();
      return closing;
    },
  };
}

function listen(server: SMTPServer, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

interface ReceiveContext {
  writer: MailWriter;
  logger: Logger;
  signal: AbortSignal;
}

/** Reads the DATA stream, applies the scripted delay, stores the message and returns the 250 reply text. */
async function receiveMessage(
  stream: SMTPServerDataStream,
  session: SMTPServerSession,
  context: ReceiveContext,
): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    // Past the limit the rest is only read to finish the SMTP transaction, not kept.
    if (!stream.sizeExceeded) chunks.push(chunk as Buffer);
  }
  if (stream.sizeExceeded) {
    throw new SmtpReplyError(552, `Error: message exceeds fixed maximum message size ${MAX_MESSAGE_BYTES}`);
  }

  const recipients = session.envelope.rcptTo.map((recipient) => recipient.address);
  const delayMs = Math.max(0, ...recipients.map((address) => slowReplyDelayMs(localPartOf(address)) ?? 0));
  if (delayMs > 0) {
    await delay(delayMs, undefined, { signal: context.signal });
  }

  const entry = await context.writer.store(Buffer.concat(chunks), {
    envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
    envelopeTo: recipients,
  });
  context.logger.info({ messageId: entry.id, recipientCount: entry.envelopeTo.length }, 'Mail stored');
  return `OK: message stored as ${entry.id}`;
}

function toSmtpReplyError(error: unknown, sessionId: string, shuttingDown: boolean, logger: Logger): SmtpReplyError {
  if (error instanceof SmtpReplyError) return error;
  if (shuttingDown) {
    return new SmtpReplyError(421, 'Mail sink is shutting down, message not stored');
  }

  // smtp-server destroys the DATA stream with ECONNECTION when the client disconnects mid-message.
  const code = typeof error === 'object' && error !== null ? (error as NodeJS.ErrnoException).code : undefined;
  if (code === 'ECONNECTION' || code === 'ERR_STREAM_PREMATURE_CLOSE') {
    logger.warn({ sessionId, code }, 'Client disconnected before the end of DATA, message not stored');
    return new SmtpReplyError(451, 'Message incomplete, not stored');
  }

  logger.error({ err: error, sessionId }, 'Failed to store mail');
  return new SmtpReplyError(451, 'Local error: failed to store the message, try again later');
}

/** Returns the SMTP error for a scripted recipient, or null to accept it. */
function scriptedRecipientError(address: string): SmtpReplyError | null {
  const localPart = localPartOf(address).toLowerCase();

  if (localPart.startsWith('fail-4xx')) {
    return new SmtpReplyError(451, `Scripted temporary failure for <${address}>, try again later`);
  }
  if (localPart.startsWith('fail-5xx')) {
    return new SmtpReplyError(550, `Scripted permanent failure: mailbox <${address}> unavailable`);
  }
  if (localPart.startsWith('slow-') && slowReplyDelayMs(localPart) === null) {
    return new SmtpReplyError(553, `Invalid slow recipient <${address}>: expected a local part like slow-500ms`);
  }
  return null;
}

/** Returns the delay in milliseconds set by a `slow-<N>ms` local part, or null for other local parts. */
function slowReplyDelayMs(localPart: string): number | null {
  const match = SLOW_LOCAL_PART_PATTERN.exec(localPart);
  if (!match?.[1]) return null;
  return Math.min(Number(match[1]), MAX_SLOW_REPLY_MS);
}

function localPartOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at === -1 ? address : address.slice(0, at);
}

/** Writes .eml files and index lines, the index lines one at a time. */
class MailWriter {
  private readonly messagesDir: string;
  private readonly indexPath: string;
  private indexQueue: Promise<unknown> = Promise.resolve();
  private lastStamp = '';
  private sequence = 0;

  constructor(
    dataDir: string,
    private readonly logger: Logger,
  ) {
    this.messagesDir = join(dataDir, MAIL_MESSAGES_DIR);
    this.indexPath = join(dataDir, MAIL_INDEX_FILE);
  }

  async init(): Promise<void> {
    await mkdir(this.messagesDir, { recursive: true });
  }

  async store(raw: Buffer, envelope: { envelopeFrom: string; envelopeTo: string[] }): Promise<MailIndexEntry> {
    const receivedAt = new Date();
    const id = this.nextId(receivedAt);
    const subject = await this.parseSubject(raw, id);

    // Written under a temporary name first so that a reader never sees a partial .eml file.
    const messagePath = join(this.messagesDir, `${id}.eml`);
    await writeFile(`${messagePath}.tmp`, raw, { flag: 'wx' });
    await rename(`${messagePath}.tmp`, messagePath);

    const entry: MailIndexEntry = {
      id,
      receivedAt: receivedAt.toISOString(),
      envelopeFrom: envelope.envelopeFrom,
      envelopeTo: envelope.envelopeTo,
      subject,
      sizeBytes: raw.length,
      file: `${MAIL_MESSAGES_DIR}/${id}.eml`,
    };

    // Appends are chained so that lines from concurrent connections never interleave.
    const append = this.indexQueue.then(() => appendFile(this.indexPath, `${JSON.stringify(entry)}\n`, 'utf8'));
    this.indexQueue = append.catch(() => undefined);
    await append;
    return entry;
  }

  private nextId(receivedAt: Date): string {
    const stamp = receivedAt.toISOString().replace(/:/g, '-');
    this.sequence = stamp === this.lastStamp ? this.sequence + 1 : 0;
    this.lastStamp = stamp;
    const sequence = String(this.sequence).padStart(4, '0');
    return `${stamp}-${sequence}-${randomBytes(4).toString('hex')}`;
  }

  /** Returns the decoded subject, or null when there is none or the headers cannot be parsed. */
  private async parseSubject(raw: Buffer, id: string): Promise<string | null> {
    try {
      const parsed = await simpleParser(raw, {
        skipHtmlToText: true,
        skipTextToHtml: true,
        skipTextLinks: true,
        skipImageLinks: true,
      });
      return parsed.subject ?? null;
    } catch (error) {
      // The sink stores malformed mail too, because tests of the sender need to see it.
      this.logger.warn({ err: error, messageId: id }, 'Failed to parse the subject, storing the message without one');
      return null;
    }
  }
}
