import type { Channel } from '@ediary/contracts';
import type { Guardian } from '../read-model/guardian.schema';

/** Reason for leaving out a channel the guardian might expect. */
export type SkipReason =
  | 'no-personal-data-consent'
  | 'no-electronic-consent'
  | 'no-email-address'
  | 'no-phone-number'
  | 'phone-unsubscribed';

export interface ChannelDecision {
  /** Channels to deliver through, in the guardian's order. */
  deliver: Channel[];
  /** Agreed electronic channels left out, each with its reason. */
  skipped: { channel: Channel; reason: SkipReason }[];
}

/**
 * Decides the channels for one guardian.
 * - Without granted consent to personal-data processing and to electronic information,
 *   nothing electronic is sent. The guardian gets a paper extract instead («выписка», the
 *   printed notice the school office hands over).
 * - Otherwise only the agreed channels are used, and only those with a usable contact:
 *   there is no fallback to a channel the guardian did not agree to.
 */
export function decideChannels(guardian: Pick<
  Guardian,
  'channels' | 'email' | 'phone' | 'phoneUnsubscribed' | 'personalDataProcessing' | 'electronicInformation'
>): ChannelDecision {
  const electronic = guardian.channels.filter((channel) => channel !== 'paper');

  if (guardian.personalDataProcessing !== 'granted' || guardian.electronicInformation !== 'granted') {
    const reason: SkipReason =
      guardian.personalDataProcessing !== 'granted' ? 'no-personal-data-consent' : 'no-electronic-consent';
    return { deliver: ['paper'], skipped: electronic.map((channel) => ({ channel, reason })) };
  }

  const decision: ChannelDecision = { deliver: [], skipped: [] };
  for (const channel of guardian.channels) {
    if (channel === 'email' && !guardian.email) {
      decision.skipped.push({ channel, reason: 'no-email-address' });
    } else if (channel === 'sms' && !guardian.phone) {
      decision.skipped.push({ channel, reason: 'no-phone-number' });
    } else if (channel === 'sms' && guardian.phoneUnsubscribed) {
      decision.skipped.push({ channel, reason: 'phone-unsubscribed' });
    } else {
      decision.deliver.push(channel);
    }
  }
  return decision;
}
