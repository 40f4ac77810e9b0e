import twilio, { type Twilio } from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';

export interface CreateTwilioClientOptions {
  accountSid: string;
  authToken: string;
  /**
   * Origin that replaces https://<host>.twilio.com in every API request, such as the local
   * SMS sandbox at http://127.0.0.1:3090. Without it the client talks to Twilio.
   */
  apiBaseUrl?: string;
}

const TWILIO_API_HOST_SUFFIX = '.twilio.com';

/**
 * Creates a twilio SDK client. With `apiBaseUrl` the client sends each request for a Twilio API
 * host to that origin instead, with the same path, query, auth, headers and timeouts.
 */
export function createTwilioClient(options: CreateTwilioClientOptions): Twilio {
  if (options.apiBaseUrl === undefined) {
    return twilio(options.accountSid, options.authToken);
  }
  return twilio(options.accountSid, options.authToken, {
    httpClient: new TwilioApiRedirectClient(options.apiBaseUrl),
  });
}

/**
 * The SDK's RequestClient with one change: request URIs on https://<host>.twilio.com go to
 * another origin. Everything else, including auth and the 429 retry options, stays the SDK's own.
 */
export class TwilioApiRedirectClient extends twilio.RequestClient {
  private readonly apiOrigin: string;

  constructor(apiBaseUrl: string, options?: RequestClient.RequestClientOptions) {
    super(options);
    this.apiOrigin = parseApiBaseUrl(apiBaseUrl);
  }

  override request<TData>(options: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    return super.request({ ...options, uri: rewriteTwilioApiUri(options.uri, this.apiOrigin) });
  }
}

/**
 * Replaces the scheme, host and port of `uri` with `apiOrigin` when `uri` is an https URL on a
 * Twilio API host (api.twilio.com, regional hosts such as api.dublin.ie1.twilio.com, and other
 * *.twilio.com products). Path and query stay as they are. Other URIs are returned unchanged.
 */
export function rewriteTwilioApiUri(uri: string, apiOrigin: string): string {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return uri;
  }
  if (url.protocol !== 'https:' || !url.hostname.endsWith(TWILIO_API_HOST_SUFFIX)) {
    return uri;
  }
  return `${apiOrigin}${url.pathname}${url.search}`;
}

/** Returns the origin of `apiBaseUrl`, rejecting a URL whose path, query or credentials would be dropped. */
function parseApiBaseUrl(apiBaseUrl: string): string {
  let url: URL;
  try {
    url = new URL(apiBaseUrl);
  } catch {
    throw new Error(`Invalid apiBaseUrl ${JSON.stringify(apiBaseUrl)}: expected an origin such as http://127.0.0.1:3090`);
  }

  const isOriginOnly = url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '' && url.password === '';
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !isOriginOnly) {
    throw new Error(
      `Invalid apiBaseUrl ${JSON.stringify(apiBaseUrl)}: expected http(s)://host[:port] without path, query or credentials`,
    );
  }
  return url.origin;
}
