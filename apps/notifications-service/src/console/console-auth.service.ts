import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { CONSOLE_CONFIG, type ConsoleConfig } from './console.config';
import { ConsoleAuthRepository } from './console-auth.repository';
import type { ConsoleSession } from './console-auth.schema';
import { MIN_PASSWORD_LENGTH, PasswordService } from './password.service';

/** Failed sign-ins of one login that lock it. */
export const MAX_SIGN_IN_FAILURES = 5;
export const LOCKOUT_MINUTES = 15;

/** Login with a known account but a wrong password, or an unknown login: the page shows the same text. */
export class InvalidCredentialsError extends Error {
  readonly code = 'CONSOLE_INVALID_CREDENTIALS';

  constructor() {
    super('invalid login or password');
    this.name = 'InvalidCredentialsError';
  }
}

export class SignInLockedError extends Error {
  readonly code = 'CONSOLE_SIGN_IN_LOCKED';

  constructor(readonly lockedUntil: Date) {
    super(`sign-in locked until ${lockedUntil.toISOString()}`);
    this.name = 'SignInLockedError';
  }
}

export class InvalidOperatorInputError extends Error {
  readonly code = 'OPERATOR_INPUT_INVALID';

  constructor(message: string) {
    super(message);
    this.name = 'InvalidOperatorInputError';
  }
}

export interface StartedSession {
  /** Raw session id for the cookie; only its hash is stored. */
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
}

const LOGIN_PATTERN = /^[a-z0-9._-]{3,64}$/;

export const randomToken = () => randomBytes(32).toString('base64url');

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Compares two secrets in constant time for equal lengths. */
export function secretsEqual(expected: string, presented: string): boolean {
  const left = Buffer.from(expected);
  const right = Buffer.from(presented);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Normalizes a login as typed: surrounding spaces and letter case do not matter. */
export const normalizeLogin = (login: string) => login.trim().toLowerCase();

/** Operator sign-in with lockout, server-side sessions and their CSRF tokens. */
@Injectable()
export class ConsoleAuthService {
  private readonly logger = new Logger(ConsoleAuthService.name);

  constructor(
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
    private readonly repository: ConsoleAuthRepository,
    private readonly passwords: PasswordService,
  ) {}

  async createOperator(login: string, password: string): Promise<void> {
    const normalized = normalizeLogin(login);
    if (!LOGIN_PATTERN.test(normalized)) {
      throw new InvalidOperatorInputError('invalid login: expected 3 to 64 characters of a-z, 0-9, ".", "_" or "-"');
    }
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new InvalidOperatorInputError(`password too short: expected at least ${MIN_PASSWORD_LENGTH} characters`);
    }
    await this.repository.createAccount(normalized, await this.passwords.hash(password));
  }

  /**
   * Checks the password and opens a session. A locked login is rejected before its password is
   * checked. The fifth failure in a row locks the login for LOCKOUT_MINUTES even when no account
   * has that login, so the lockout does not reveal which logins exist.
   */
  async signIn(login: string, password: string, now = new Date()): Promise<StartedSession> {
    const normalized = normalizeLogin(login);
    const failures = await this.repository.findFailures(normalized);
    if (failures?.lockedUntil && failures.lockedUntil.getTime() > now.getTime()) {
      this.logger.warn({ lockedUntil: failures.lockedUntil }, 'console sign-in rejected: the login is locked');
      throw new SignInLockedError(failures.lockedUntil);
    }

    const account = normalized === '' ? null : await this.repository.findAccount(normalized);
    if (!(await this.passwords.verify(password, account?.passwordHash ?? null))) {
      const count = await this.repository.addFailure(normalized);
      if (count >= MAX_SIGN_IN_FAILURES) {
        const lockedUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
        await this.repository.lock(normalized, lockedUntil);
        this.logger.warn({ failures: count, lockedUntil }, 'console sign-in locked after repeated failures');
      } else {
        // The typed login is left out of the log: people sometimes type their password there.
        this.logger.warn({ failures: count }, 'console sign-in failed: invalid login or password');
      }
      throw new InvalidCredentialsError();
    }

    await this.repository.clearFailures(normalized);
    await this.repository.deleteExpiredSessions(now);
    const session: StartedSession = {
      sessionId: randomToken(),
      csrfToken: randomToken(),
      expiresAt: new Date(now.getTime() + this.config.sessionMinutes * 60_000),
    };
    await this.repository.createSession({
      sessionIdHash: sha256(session.sessionId),
      login: normalized,
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt,
    });
    this.logger.log({ operator: normalized }, 'operator signed in to the console');
    return session;
  }

  /** Looks up the session by its raw id; returns null when it is unknown or expired. */
  async session(sessionId: string, now = new Date()): Promise<ConsoleSession | null> {
    const session = await this.repository.findSession(sha256(sessionId));
    if (!session) return null;
    if (session.expiresAt.getTime() <= now.getTime()) {
      await this.repository.deleteSession(session.sessionIdHash);
      return null;
    }
    return session;
  }

  async signOut(sessionId: string): Promise<void> {
    await this.repository.deleteSession(sha256(sessionId));
  }
}
