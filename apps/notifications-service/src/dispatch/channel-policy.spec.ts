import { decideChannels } from './channel-policy';

const consenting = {
  channels: ['email', 'sms'] as ('email' | 'sms' | 'paper')[],
  email: 'parent@school.example',
  phone: '+79211234567',
  phoneUnsubscribed: false,
  personalDataProcessing: 'granted' as const,
  electronicInformation: 'granted' as const,
};

describe('decideChannels', () => {
  it('uses every agreed channel with a contact', () => {
    const decision = decideChannels(consenting);

    expect(decision.deliver).toEqual(['email', 'sms']);
    expect(decision.skipped).toEqual([]);
  });

  it('sends paper only without personal-data consent', () => {
    const decision = decideChannels({ ...consenting, personalDataProcessing: 'refused' });

    expect(decision.deliver).toEqual(['paper']);
    expect(decision.skipped).toEqual([
      { channel: 'email', reason: 'no-personal-data-consent' },
      { channel: 'sms', reason: 'no-personal-data-consent' },
    ]);
  });

  it('sends paper only when consent was never given', () => {
    const decision = decideChannels({ ...consenting, personalDataProcessing: 'not-given', electronicInformation: 'not-given' });

    expect(decision.deliver).toEqual(['paper']);
  });

  it('sends paper only without consent to electronic information', () => {
    const decision = decideChannels({ ...consenting, electronicInformation: 'refused' });

    expect(decision.deliver).toEqual(['paper']);
    expect(decision.skipped.map((skip) => skip.reason)).toEqual(['no-electronic-consent', 'no-electronic-consent']);
  });

  it('keeps paper for a guardian who agreed only to paper', () => {
    const decision = decideChannels({ ...consenting, channels: ['paper'] });

    expect(decision.deliver).toEqual(['paper']);
  });

  it('does not fall back to email for an unsubscribed phone', () => {
    const decision = decideChannels({ ...consenting, channels: ['sms'], phoneUnsubscribed: true });

    expect(decision.deliver).toEqual([]);
    expect(decision.skipped).toEqual([{ channel: 'sms', reason: 'phone-unsubscribed' }]);
  });

  it('skips an agreed channel without a contact', () => {
    const decision = decideChannels({ ...consenting, email: null });

    expect(decision.deliver).toEqual(['sms']);
    expect(decision.skipped).toEqual([{ channel: 'email', reason: 'no-email-address' }]);
  });

  it('never adds a channel the guardian did not agree to', () => {
    const decision = decideChannels({ ...consenting, channels: ['email'] });

    expect(decision.deliver).toEqual(['email']);
  });
});
