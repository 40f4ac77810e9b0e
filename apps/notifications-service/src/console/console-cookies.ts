import type { CookieOptions, Request, Response } from 'express';
import type { ConsoleConfig } from './console.config';

export const SESSION_COOKIE = 'ediary_console_session';
/** Double-submit token of the sign-in form, which is posted before any session exists. */
export const SIGN_IN_CSRF_COOKIE = 'ediary_console_signin_csrf';

/** Reads one cookie from the Cookie header; express has no cookie parser without a middleware. */
export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() === name) {
      try {
        return decodeURIComponent(part.slice(separator + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

function cookieOptions(config: ConsoleConfig): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: config.secureCookie, path: '/console' };
}

export function setCookie(response: Response, config: ConsoleConfig, name: string, value: string, maxAgeMs: number): void {
  response.cookie(name, value, { ...cookieOptions(config), maxAge: maxAgeMs });
}

export function clearCookie(response: Response, config: ConsoleConfig, name: string): void {
  response.clearCookie(name, cookieOptions(config));
}
