import { access, mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AddressObject, simpleParser } from 'mailparser';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import pino from 'pino';
import { MAX_MESSAGE_BYTES, type MailSink, startMailSink } from './mail-sink';
import { readMailIndex, readRawMessage, waitForMail } from './mail-sink-store';

const SCHOOL_ADDRESS = 'noreply@school-1.example';
const PARENT_ADDRESS = 'ivanova.parent@example.org';

interface SmtpFailure {
  responseCode: number;
  code?: string;
}

function firstAddress(field: AddressObject | AddressObject[] | undefined): { address?: string; name: string } | undefined {
  const object = Array.isArray(field) ? field[0] : field;
  return object?.value[0];
}

async function captureSmtpFailure(promise: Promise<unknown>): Promise<SmtpFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error && typeof (error as Partial<SmtpFailure>).responseCode === 'number') {
      return error as Error & SmtpFailure;
    }
    throw error;
  }
  throw new Error('expected the SMTP transaction to fail');
}

/** A bare SMTP client for steps nodemailer cannot take, such as leaving in the middle of DATA. */
class RawSmtpClient {
  private buffered = '';
  private readonly replies: string[] = [];
  private waiting: ((reply: string) => void) | null = null;

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => this.onData(text));
    socket.on('error', () => undefined);
  }

  static async open(port: number): Promise<RawSmtpClient> {
    const socket = connect(port, '127.0.0.1');
    const client = new RawSmtpClient(socket);
    await client.nextReply();
    return client;
  }

  /** Sends one command line and resolves with the final line of the reply. */
  command(line: string): Promise<string> {
    this.socket.write(`${line}\r\n`);
    return this.nextReply();
  }

  write(data: string): void {
    this.socket.write(data);
  }

  nextReply(): Promise<string> {
    const reply = this.replies.shift();
    if (reply !== undefined) return Promise.resolve(reply);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  destroy(): void {
    this.socket.destroy();
  }

  private onData(text: string): void {
    this.buffered += text;
    let newline = this.buffered.indexOf('\r\n');
    while (newline !== -1) {
      const line = this.buffered.slice(0, newline);
      this.buffered = this.buffered.slice(newline + 2);
      // The last line of a reply has a space after the code, the others a hyphen.
      if (/^\d{3} /.test(line)) this.deliver(line);
      newline = this.buffered.indexOf('\r\n');
    }
  }

  private deliver(reply: string): void {
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting) waiting(reply);
    else this.replies.push(reply);
  }
}

describe('mail sink', () => {
  let dataDir: string;
  let sink: MailSink;
  let transport: Transporter<SMTPTransport.SentMessageInfo>;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mail-sink-'));
    sink = await startMailSink({ host: '127.0.0.1', port: 0, dataDir, logger: pino({ level: 'warn' }) });
    transport = nodemailer.createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true });
  });

  afterEach(async () => {
    transport.close();
    await sink.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('returns an empty index before any mail', async () => {
    await expect(readMailIndex(dataDir)).resolves.toEqual([]);
  });

  it('listens on a chosen port', () => {
    expect(sink.port).toBeGreaterThan(0);
  });

  it('stores Cyrillic mail intact', async () => {
    const subject = 'Новая отметка по математике';
    const text = 'Здравствуйте! Ваш ребёнок получил отметку «5» по математике за контрольную работу.';
    const html = '<p>Здравствуйте!</p><p>Ваш ребёнок получил отметку <b>«5»</b> по математике.</p>';

    const info = await transport.sendMail({
      from: { name: 'Школа № 1', address: SCHOOL_ADDRESS },
      to: { name: 'Мария Иванова', address: PARENT_ADDRESS },
      subject,
      text,
      html,
    });
    expect(info.accepted).toEqual([PARENT_ADDRESS]);

    const entry = await waitForMail(dataDir, (candidate) => candidate.envelopeTo.includes(PARENT_ADDRESS), {
      timeoutMs: 5_000,
    });
    expect(entry.subject).toBe(subject);
    expect(entry.envelopeFrom).toBe(SCHOOL_ADDRESS);
    expect(entry.envelopeTo).toEqual([PARENT_ADDRESS]);
    expect(entry.file).toBe(`messages/${entry.id}.eml`);
    expect(new Date(entry.receivedAt).toISOString()).toBe(entry.receivedAt);

    const raw = await readRawMessage(dataDir, entry.id);
    expect(entry.sizeBytes).toBe(raw.length);

    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe(subject);
    expect(parsed.text?.trim()).toBe(text);
    expect(parsed.html).toBe(html);
    expect(firstAddress(parsed.from)).toEqual({ name: 'Школа № 1', address: SCHOOL_ADDRESS });
    expect(firstAddress(parsed.to)).toEqual({ name: 'Мария Иванова', address: PARENT_ADDRESS });
  });

  it('stores exact raw bytes', async () => {
    // An 8bit body with a line that starts with '.', which SMTP dot-stuffs on the wire.
    const raw = Buffer.from(
      [
        `From: <${SCHOOL_ADDRESS}>`,
        `To: <${PARENT_ADDRESS}>`,
        'Subject: =?UTF-8?B?0JTQvtC80LDRiNC90LXQtSDQt9Cw0LTQsNC90LjQtQ==?=',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        'Домашнее задание по русскому языку:',
        '.упр. 112, стр. 54',
        '..и повторить правило',
        '',
      ].join('\r\n'),
      'utf8',
    );

    await transport.sendMail({ envelope: { from: SCHOOL_ADDRESS, to: [PARENT_ADDRESS] }, raw });

    const [entry] = await readMailIndex(dataDir);
    expect(entry).toBeDefined();
    expect(entry?.subject).toBe('Домашнее задание');
    const stored = await readRawMessage(dataDir, entry?.id ?? '');
    expect(stored.equals(raw)).toBe(true);
  });

  it('accepts an SMTPUTF8 recipient', async () => {
    const recipient = 'мама@example.org';

    const info = await transport.sendMail({
      from: SCHOOL_ADDRESS,
      to: recipient,
      subject: 'Итоговые отметки за четверть',
      text: 'Отметки выставлены.',
    });
    expect(info.accepted).toEqual([recipient]);

    const [entry] = await readMailIndex(dataDir);
    expect(entry?.envelopeTo).toEqual([recipient]);
  });

  it('rejects fail-4xx recipient with 451', async () => {
    const failure = await captureSmtpFailure(
      transport.sendMail({ from: SCHOOL_ADDRESS, to: 'fail-4xx-parent@example.org', subject: 'Тест', text: 'Тест' }),
    );

    expect(failure.responseCode).toBe(451);
    expect(failure.code).toBe('EENVELOPE');
    await expect(readMailIndex(dataDir)).resolves.toEqual([]);
  });

  it('rejects fail-5xx recipient with 550', async () => {
    const failure = await captureSmtpFailure(
      transport.sendMail({ from: SCHOOL_ADDRESS, to: 'fail-5xx@example.org', subject: 'Тест', text: 'Тест' }),
    );

    expect(failure.responseCode).toBe(550);
    expect(failure.code).toBe('EENVELOPE');
    await expect(readMailIndex(dataDir)).resolves.toEqual([]);
  });

  it('delivers to the other recipients', async () => {
    const info = await transport.sendMail({
      from: SCHOOL_ADDRESS,
      to: [PARENT_ADDRESS, 'fail-5xx@example.org'],
      subject: 'Родительское собрание',
      text: 'Собрание в четверг в 18:00.',
    });

    expect(info.accepted).toEqual([PARENT_ADDRESS]);
    expect(info.rejected).toEqual(['fail-5xx@example.org']);
    const [entry] = await readMailIndex(dataDir);
    expect(entry?.envelopeTo).toEqual([PARENT_ADDRESS]);
  });

  it('stores mail to a slow recipient', async () => {
    const info = await transport.sendMail({
      from: SCHOOL_ADDRESS,
      to: 'slow-50ms@example.org',
      subject: 'Медленный сервер',
      text: 'Тест',
    });

    expect(info.accepted).toEqual(['slow-50ms@example.org']);
    const [entry] = await readMailIndex(dataDir);
    expect(entry?.envelopeTo).toEqual(['slow-50ms@example.org']);
  });

  it('rejects malformed slow recipient with 553', async () => {
    const failure = await captureSmtpFailure(
      transport.sendMail({ from: SCHOOL_ADDRESS, to: 'slow-5s@example.org', subject: 'Тест', text: 'Тест' }),
    );

    expect(failure.responseCode).toBe(553);
  });

  it('rejects oversized mail with 552', async () => {
    const attachment = Buffer.alloc(MAX_MESSAGE_BYTES + 1, 'a');

    const failure = await captureSmtpFailure(
      transport.sendMail({
        from: SCHOOL_ADDRESS,
        to: PARENT_ADDRESS,
        subject: 'Слишком большое письмо',
        text: 'Во вложении файл.',
        attachments: [{ filename: 'big.txt', content: attachment }],
      }),
    );

    expect(failure.responseCode).toBe(552);
    await expect(readMailIndex(dataDir)).resolves.toEqual([]);
  });

  it('gives messages sortable unique ids', async () => {
    for (let i = 0; i < 3; i += 1) {
      await transport.sendMail({ from: SCHOOL_ADDRESS, to: PARENT_ADDRESS, subject: `Письмо ${i}`, text: 'Тест' });
    }

    const entries = await readMailIndex(dataDir);
    const ids = entries.map((entry) => entry.id);
    expect(entries.map((entry) => entry.subject)).toEqual(['Письмо 0', 'Письмо 1', 'Письмо 2']);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(3);
    for (const entry of entries) {
      await expect(access(join(dataDir, entry.file))).resolves.toBeUndefined();
    }
  });

  it('drops mail cut off mid-DATA', async () => {
    const client = await RawSmtpClient.open(sink.port);
    await client.command('EHLO test.localhost');
    await client.command(`MAIL FROM:<${SCHOOL_ADDRESS}>`);
    await client.command(`RCPT TO:<${PARENT_ADDRESS}>`);
    const dataReply = await client.command('DATA');
    client.write('Subject: cut off\r\n\r\nThe first half of the');
    client.destroy();

    const info = await transport.sendMail({ from: SCHOOL_ADDRESS, to: PARENT_ADDRESS, subject: 'После обрыва', text: 'Тест' });

    expect(dataReply).toMatch(/^354 /);
    expect(info.accepted).toEqual([PARENT_ADDRESS]);
    const entries = await readMailIndex(dataDir);
    expect(entries.map((entry) => entry.subject)).toEqual(['После обрыва']);
  });

  it('ends a pending slow reply on close', async () => {
    const client = await RawSmtpClient.open(sink.port);
    await client.command('EHLO test.localhost');
    await client.command(`MAIL FROM:<${SCHOOL_ADDRESS}>`);
    await client.command('RCPT TO:<slow-60000ms@example.org>');
    await client.command('DATA');
    client.write('Subject: slow\r\n\r\nBody\r\n.\r\n');
    const reply = client.nextReply();

    await sink.close();

    expect(await reply).toMatch(/^421 /);
    client.destroy();
    await expect(readMailIndex(dataDir)).resolves.toEqual([]);
  });

  it('names the condition when waiting times out', async () => {
    const wait = waitForMail(dataDir, () => false, { timeoutMs: 100, description: 'a message to nobody@example.org' });

    await expect(wait).rejects.toThrow('waiting for a message to nobody@example.org');
  });

  it('rejects a message id with a path', async () => {
    await expect(readRawMessage(dataDir, '../index')).rejects.toThrow('Invalid message id');
  });
});
