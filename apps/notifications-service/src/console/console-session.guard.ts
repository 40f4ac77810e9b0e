import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { ConsoleSession } from './console-auth.schema';
import { ConsoleAuthService, secretsEqual } from './console-auth.service';
import { readCookie, SESSION_COOKIE } from './console-cookies';

export interface ConsoleRequest extends Request {
  consoleSession?: ConsoleSession & { sessionId: string };
}

/** No valid console session cookie on a page that needs one. */
export class ConsoleSignInRequiredError extends Error {
  readonly code = 'CONSOLE_SIGN_IN_REQUIRED';

  constructor() {
    super('console sign-in required');
    this.name = 'ConsoleSignInRequiredError';
  }
}

/** A state-changing request without the session's CSRF token. */
export class CsrfTokenRejectedError extends Error {
  readonly code = 'CONSOLE_CSRF_REJECTED';

  constructor() {
    super('missing or invalid CSRF token');
    this.name = 'CsrfTokenRejectedError';
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Loads the console session from its cookie; every other method than GET, HEAD and OPTIONS also needs its CSRF token. */
@Injectable()
export class ConsoleSessionGuard implements CanActivate {
  constructor(private readonly auth: ConsoleAuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ConsoleRequest>();
    request.consoleSession = await authenticate(this.auth, request);
    return true;
  }
}

/** Returns the request's session or throws; shared by the guard and the Bull Board middleware. */
export async function authenticate(auth: ConsoleAuthService, request: Request): Promise<ConsoleSession & { sessionId: string }> {
  const sessionId = readCookie(request, SESSION_COOKIE);
  const session = sessionId ? await auth.session(sessionId) : null;
  if (!session || !sessionId) throw new ConsoleSignInRequiredError();
  if (!SAFE_METHODS.has(request.method)) {
    const body = request.body as Record<string, unknown> | undefined;
    const presented = (typeof body?.['_csrf'] === 'string' ? body['_csrf'] : null) ?? request.header('x-csrf-token') ?? '';
    if (!secretsEqual(session.csrfToken, presented)) throw new CsrfTokenRejectedError();
  }
  return { ...session, sessionId };
}
