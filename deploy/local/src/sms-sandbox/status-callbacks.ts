import { createHmac } from 'node:crypto';
import type { LookupAddress, LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIPv4 } from 'node:net';

/**
 * Returns why the sandbox will not call `callbackUrl`, or null when the URL is an http(s) URL
 * on a loopback host: 127.0.0.0/8, [::1] or localhost.
 */
export function checkStatusCallbackUrl(callbackUrl: string): { reason: 'invalid' | 'not-loopback'; detail: string } | null {
  let url: URL;
  try {
    url = new URL(callbackUrl);
  } catch {
    return { reason: 'invalid', detail: `${JSON.stringify(callbackUrl)} is not a URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { reason: 'invalid', detail: `protocol ${url.protocol} is not http: or https:` };
  }
  if (!isLoopbackHostname(url.hostname)) {
    return { reason: 'not-loopback', detail: `host ${url.hostname} is not a loopback host` };
  }
  return null;
}

/** Returns whether a hostname, in the form URL.hostname has (lower case, IPv6 in brackets), is a loopback host. */
export function isLoopbackHostname(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  return isIPv4(hostname) && hostname.startsWith('127.');
}

/**
 * Computes the X-Twilio-Signature header: the base64 HMAC-SHA1, keyed with the auth token, of
 * the full URL followed by each POST parameter name and value, sorted by name.
 */
export function computeTwilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const signed = Object.keys(params)
    .sort()
    .reduce((text, name) => text + name + params[name], url);
  return createHmac('sha1', authToken).update(signed, 'utf8').digest('base64');
}

export interface PostStatusCallbackOptions {
  authToken: string;
  timeoutMs: number;
  signal: AbortSignal;
}

/**
 * Posts one form-encoded status callback and resolves with the HTTP status of the response.
 * Rejects on connection errors and timeouts, and for any URL that checkStatusCallbackUrl rejects.
 */
export function postStatusCallback(
  callbackUrl: string,
  params: Record<string, string>,
  options: PostStatusCallbackOptions,
): Promise<number> {
  const problem = checkStatusCallbackUrl(callbackUrl);
  if (problem) {
    return Promise.reject(new Error(`Status callback not sent: ${problem.detail}`));
  }

  const url = new URL(callbackUrl);
  const body = new URLSearchParams(params).toString();
  const client = url.protocol === 'https:' ? https : http;

  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
          'Content-Length': Buffer.byteLength(body),
          'X-Twilio-Signature': computeTwilioSignature(options.authToken, callbackUrl, params),
          'User-Agent': 'ediary-sms-sandbox',
        },
        lookup: lookupLocalhost,
        signal: AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]),
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const LOCALHOST_ADDRESSES: LookupAddress[] = [
  { address: '127.0.0.1', family: 4 },
  { address: '::1', family: 6 },
];

/**
 * Resolves 'localhost' to the loopback addresses without asking the system resolver, so no
 * name lookup can send the callback elsewhere. Node calls this only for names, never for IP literals.
 */
function lookupLocalhost(
  hostname: string,
  options: LookupOptions,
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  if (hostname !== 'localhost') {
    callback(new Error(`Status callbacks go to loopback hosts only, so ${hostname} is not resolved`), []);
    return;
  }

  const family = addressFamilyNumber(options.family);
  const addresses = LOCALHOST_ADDRESSES.filter((entry) => family === 0 || family === entry.family);
  const first = addresses[0];
  if (options.all) {
    callback(null, addresses);
  } else if (first) {
    callback(null, first.address, first.family);
  } else {
    callback(new Error(`No loopback address of family ${family} for localhost`), []);
  }
}

function addressFamilyNumber(family: LookupOptions['family']): number {
  if (family === 'IPv4') return 4;
  if (family === 'IPv6') return 6;
  return family ?? 0;
}
