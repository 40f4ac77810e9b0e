import { connect } from 'node:net';

/**
 * Opens a TCP connection, optionally writes a request, and resolves with the first
 * bytes the server sends, or null when the server sends nothing within timeoutMs.
 */
export function exchangeTcp(host: string, port: number, request: string | null, timeoutMs = 1500): Promise<string | null> {
  return new Promise((resolvePromise) => {
    const socket = connect({ host, port });
    const finish = (answer: string | null) => {
      socket.destroy();
      resolvePromise(answer);
    };
    socket.setTimeout(timeoutMs, () => finish(null));
    socket.once('error', () => finish(null));
    socket.once('connect', () => {
      if (request !== null) socket.write(request);
    });
    socket.once('data', (chunk) => finish(chunk.toString('utf8')));
    // A peer that closes without a word would otherwise leave the promise pending.
    socket.once('close', () => finish(null));
  });
}

/** Resolves true when something accepts TCP connections on the port. */
export function isPortOpen(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = connect({ host, port });
    const finish = (open: boolean) => {
      socket.destroy();
      resolvePromise(open);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => finish(true));
  });
}
