import { QUIET_HOURS_DEADLINE_MARGIN_MS, smsSendTime, type SmsSendTimeInput } from './quiet-hours';

const moscow = (localIso: string): Date => new Date(`${localIso}+03:00`);

describe('smsSendTime', () => {
  const evening: Omit<SmsSendTimeInput, 'now'> = { timeZone: 'Europe/Moscow', quietStart: '21:00', quietEnd: '08:00' };
  const sendTime = (now: Date, overrides: Partial<SmsSendTimeInput> = {}): string =>
    smsSendTime({ ...evening, now, ...overrides }).toISOString();

  it('sends at once before quiet hours', () => {
    const now = moscow('2026-12-03T20:59:59.999');

    expect(sendTime(now)).toBe(now.toISOString());
  });

  it('waits from exactly 21:00', () => {
    expect(sendTime(moscow('2026-12-03T21:00:00'))).toBe(moscow('2026-12-04T08:00:00').toISOString());
  });

  it('waits until the next morning late in the evening', () => {
    expect(sendTime(moscow('2026-12-03T23:30:00'))).toBe(moscow('2026-12-04T08:00:00').toISOString());
  });

  it('waits until the same morning after midnight', () => {
    expect(sendTime(moscow('2026-12-04T03:00:00'))).toBe(moscow('2026-12-04T08:00:00').toISOString());
  });

  it('waits just before 08:00', () => {
    expect(sendTime(moscow('2026-12-04T07:59:59.999'))).toBe(moscow('2026-12-04T08:00:00').toISOString());
  });

  it('sends at once from exactly 08:00', () => {
    const now = moscow('2026-12-04T08:00:00');

    expect(sendTime(now)).toBe(now.toISOString());
  });

  it('sends at once at midday', () => {
    const now = moscow('2026-12-04T12:00:00');

    expect(sendTime(now)).toBe(now.toISOString());
  });

  it('waits across a year end', () => {
    expect(sendTime(moscow('2026-12-31T22:00:00'))).toBe(moscow('2027-01-01T08:00:00').toISOString());
  });

  describe('window within one day', () => {
    const afternoon = { quietStart: '13:00', quietEnd: '15:00' };

    it('waits inside the window', () => {
      expect(sendTime(moscow('2026-12-04T14:00:00'), afternoon)).toBe(moscow('2026-12-04T15:00:00').toISOString());
    });

    it('waits from exactly the start', () => {
      expect(sendTime(moscow('2026-12-04T13:00:00'), afternoon)).toBe(moscow('2026-12-04T15:00:00').toISOString());
    });

    it('sends at once at exactly the end', () => {
      const now = moscow('2026-12-04T15:00:00');

      expect(sendTime(now, afternoon)).toBe(now.toISOString());
    });

    it('sends at once before the window', () => {
      const now = moscow('2026-12-04T12:59:00');

      expect(sendTime(now, afternoon)).toBe(now.toISOString());
    });

    it('sends at once in the evening', () => {
      const now = moscow('2026-12-04T23:00:00');

      expect(sendTime(now, afternoon)).toBe(now.toISOString());
    });
  });

  it('has no quiet hours when start equals end', () => {
    const now = moscow('2026-12-04T03:00:00');

    expect(sendTime(now, { quietStart: '08:00', quietEnd: '08:00' })).toBe(now.toISOString());
  });

  it('uses the local time of Vladivostok', () => {
    // 12:00 UTC is 22:00 in Vladivostok (UTC+10).
    expect(sendTime(new Date('2026-12-03T12:00:00Z'), { timeZone: 'Asia/Vladivostok' })).toBe('2026-12-03T22:00:00.000Z');
  });

  it('uses the local time of Yekaterinburg', () => {
    // 12:00 UTC is 17:00 in Yekaterinburg (UTC+5), outside quiet hours.
    expect(sendTime(new Date('2026-12-03T12:00:00Z'), { timeZone: 'Asia/Yekaterinburg' })).toBe('2026-12-03T12:00:00.000Z');
  });

  it('ends at local 08:00 across spring forward', () => {
    const now = new Date('2026-03-28T22:00:00+01:00');

    expect(sendTime(now, { timeZone: 'Europe/Berlin' })).toBe(new Date('2026-03-29T08:00:00+02:00').toISOString());
  });

  it('moves an end in a DST gap forward', () => {
    const now = new Date('2026-03-29T01:00:00+01:00');

    const result = sendTime(now, { timeZone: 'Europe/Berlin', quietStart: '00:00', quietEnd: '02:30' });

    expect(result).toBe(new Date('2026-03-29T03:30:00+02:00').toISOString());
  });

  describe('with a deadline', () => {
    const now = moscow('2026-12-03T23:00:00');
    const quietEnd = moscow('2026-12-04T08:00:00');

    it('waits when the deadline is far', () => {
      expect(sendTime(now, { deadline: moscow('2026-12-04T12:00:00') })).toBe(quietEnd.toISOString());
    });

    it('waits when exactly the margin remains', () => {
      const deadline = new Date(quietEnd.getTime() + QUIET_HOURS_DEADLINE_MARGIN_MS);

      expect(sendTime(now, { deadline })).toBe(quietEnd.toISOString());
    });

    it('sends at once when less than the margin would remain', () => {
      const deadline = new Date(quietEnd.getTime() + QUIET_HOURS_DEADLINE_MARGIN_MS - 1);

      expect(sendTime(now, { deadline })).toBe(now.toISOString());
    });

    it('sends at once for a deadline inside quiet hours', () => {
      expect(sendTime(now, { deadline: moscow('2026-12-04T02:00:00') })).toBe(now.toISOString());
    });

    it('sends at once for a passed deadline', () => {
      expect(sendTime(now, { deadline: moscow('2026-12-03T12:00:00') })).toBe(now.toISOString());
    });

    it('ignores a null deadline', () => {
      expect(sendTime(now, { deadline: null })).toBe(quietEnd.toISOString());
    });

    it('keeps outside quiet hours at now', () => {
      const midday = moscow('2026-12-04T12:00:00');

      expect(sendTime(midday, { deadline: moscow('2026-12-04T12:30:00') })).toBe(midday.toISOString());
    });
  });

  it('sets the margin to one hour', () => {
    expect(QUIET_HOURS_DEADLINE_MARGIN_MS).toBe(3_600_000);
  });

  it.each([
    ['quietStart', '25:00'],
    ['quietStart', '9:00'],
    ['quietEnd', '08:00 '],
    ['quietEnd', 'утро'],
  ])('rejects %s %p', (field, value) => {
    const input = { ...evening, now: moscow('2026-12-04T12:00:00'), [field]: value };

    expect(() => smsSendTime(input)).toThrow(RangeError);
    expect(() => smsSendTime(input)).toThrow(`Invalid ${field} ${JSON.stringify(value)}`);
  });
});
