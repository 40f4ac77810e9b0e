import { SANDBOX_NUMBERS, waitForSmsRecord } from '@ediary/local-infra';
import { createTwilioClient } from '@ediary/sms';
import { testInfra } from './test-env';

// 83 characters, mostly Cyrillic, so UCS-2: over the 70 of one UCS-2 segment, within the 2 × 67 of two.
const TWO_SEGMENT_TEXT = 'Иванов Пётр получил 5 по физике (контрольная работа). Подробности в дневнике: 03.12';

describe('twilio SDK against the SMS sandbox', () => {
  const client = () => {
    const infra = testInfra();
    return createTwilioClient({ ...infra.smsCredentials, apiBaseUrl: infra.smsApiBaseUrl });
  };

  it('sends a Cyrillic SMS and gets a sid and segment count', async () => {
    const to = `+7921${String(Date.now()).slice(-7)}`;

    const message = await client().messages.create({ to, from: '+79990000000', body: TWO_SEGMENT_TEXT });
    const stored = await waitForSmsRecord(testInfra().smsDataDir, (record) => record.sid === message.sid, {
      timeoutMs: 10_000,
    });

    expect(TWO_SEGMENT_TEXT).toHaveLength(83);
    expect(message.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(message.numSegments).toBe('2');
    expect(message.status).toBe('queued');
    expect(stored.body).toBe(TWO_SEGMENT_TEXT);
    expect(stored.encoding).toBe('UCS-2');
  });

  it('gets error 21211 for the scripted invalid number', async () => {
    const sending = client().messages.create({ to: SANDBOX_NUMBERS.invalidNumber, from: '+79990000000', body: 'Тест' });

    await expect(sending).rejects.toMatchObject({ code: 21211, status: 400 });
  });
});
