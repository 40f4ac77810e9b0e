import { readRawMessage, waitForMail } from '@ediary/local-infra';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { testInfra, uniqueName } from './test-env';

describe('mail sink', () => {
  it('keeps a Cyrillic email intact from nodemailer to the .eml file', async () => {
    const infra = testInfra();
    const recipient = `${uniqueName('parent')}@school.example`;
    const transport = nodemailer.createTransport({ host: infra.smtp.host, port: infra.smtp.port, secure: false });

    await transport.sendMail({
      from: '"Электронный дневник" <dnevnik@school.example>',
      to: recipient,
      subject: 'Итоговая отметка по математике за 2 четверть',
      text: 'Здравствуйте, Мария Петровна! Ваш сын получил «5» по математике.',
      html: '<p>Здравствуйте, Мария Петровна! Ваш сын получил <b>«5»</b> по математике.</p>',
    });
    transport.close();
    const entry = await waitForMail(infra.mailDataDir, (mail) => mail.envelopeTo.includes(recipient), {
      timeoutMs: 10_000,
      description: `a message to ${recipient}`,
    });
    const parsed = await simpleParser(await readRawMessage(infra.mailDataDir, entry.id));

    expect(entry.subject).toBe('Итоговая отметка по математике за 2 четверть');
    expect(parsed.subject).toBe('Итоговая отметка по математике за 2 четверть');
    expect(parsed.text?.trim()).toBe('Здравствуйте, Мария Петровна! Ваш сын получил «5» по математике.');
    expect(parsed.html).toContain('<b>«5»</b> по математике');
    expect(parsed.from?.text).toBe('"Электронный дневник" <dnevnik@school.example>');
  });
});
