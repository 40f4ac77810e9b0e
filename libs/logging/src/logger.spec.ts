import { Writable } from 'node:stream';
import { createLogger } from './logger';

function captureLines(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  it('keeps ids and redacts contacts at the top level', () => {
    const capture = captureLines();
    const logger = createLogger({ service: 'notifications-service', level: 'info' }, capture.stream);

    logger.info({ guardianId: 'g-17', email: 'parent@example.org', phone: '+79211234567' }, 'contact updated');

    const [line] = capture.lines();
    expect(line?.['guardianId']).toBe('g-17');
    expect(line?.['email']).toBe('[redacted]');
    expect(line?.['phone']).toBe('[redacted]');
    expect(line?.['service']).toBe('notifications-service');
  });

  it('redacts names and contacts nested in objects', () => {
    const capture = captureLines();
    const logger = createLogger({ service: 'contacts-service', level: 'info' }, capture.stream);

    logger.info(
      { guardian: { id: 'g-1', fullName: 'Иванова Мария Петровна', contact: { email: 'm@example.org' } } },
      'guardian stored',
    );

    const output = JSON.stringify(capture.lines());
    expect(output).toContain('g-1');
    expect(output).not.toContain('Иванова');
    expect(output).not.toContain('m@example.org');
  });

  it('redacts the recipient and text of a message', () => {
    const capture = captureLines();
    const logger = createLogger({ service: 'notifications-service', level: 'info' }, capture.stream);

    logger.info({ notificationId: 'n-5', sms: { to: '+79211234567', body: 'Петров получил 5' } }, 'sms queued');

    const output = JSON.stringify(capture.lines());
    expect(output).toContain('n-5');
    expect(output).not.toContain('+79211234567');
    expect(output).not.toContain('Петров');
  });
});
