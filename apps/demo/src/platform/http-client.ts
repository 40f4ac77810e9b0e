/** A JSON client of one service with its API key; every non-2xx response throws with the body. */
export class ServiceClient {
  constructor(
    readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  async request<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.apiKey}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
      // Generous, because the digest run of a whole school responds only when it is done.
      signal: AbortSignal.timeout(180_000),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`${method} ${this.baseUrl}${path} failed with HTTP ${response.status}: ${text.slice(0, 2000)}`);
    }
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }
}
