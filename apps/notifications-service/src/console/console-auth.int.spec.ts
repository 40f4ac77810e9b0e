import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { startConsoleApp, type ConsoleUnderTest } from '../../test/console/console-app';
import { OperatorLoginTakenError } from './console-auth.repository';
import { OperatorAccount } from './console-auth.schema';
import {
  ConsoleAuthService,
  InvalidCredentialsError,
  LOCKOUT_MINUTES,
  MAX_SIGN_IN_FAILURES,
  SignInLockedError,
} from './console-auth.service';
import { PasswordService } from './password.service';

/** Cookie header value built from a response's Set-Cookie lines. */
function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
}

describe('console sign-in', () => {
  let service: ConsoleUnderTest;
  let auth: ConsoleAuthService;

  beforeAll(async () => {
    service = await startConsoleApp();
    auth = service.moduleRef.get(ConsoleAuthService, { strict: false });
  });

  afterAll(async () => {
    await service?.close();
  });

  describe('accounts', () => {
    it('stores a bcrypt hash of cost 12', async () => {
      const { login, password } = await service.createOperator();
      const accounts = service.moduleRef.get<Model<OperatorAccount>>(getModelToken(OperatorAccount.name), { strict: false });
      const stored = await accounts.findOne({ login }).lean();
      expect(stored?.passwordHash).not.toContain(password);
      expect(PasswordService.costOf(stored?.passwordHash ?? '')).toBe(12);
    });

    it('rejects a second account with one login', async () => {
      const { login } = await service.createOperator();
      await expect(auth.createOperator(login, 'another-long-password')).rejects.toBeInstanceOf(OperatorLoginTakenError);
    });
  });

  describe('lockout', () => {
    it('opens a session for the right password', async () => {
      const { login, password } = await service.createOperator();
      const session = await auth.signIn(login, password);
      expect(await auth.session(session.sessionId)).toMatchObject({ login });
    });

    it('rejects a wrong password', async () => {
      const { login } = await service.createOperator();
      await expect(auth.signIn(login, 'wrong-password')).rejects.toBeInstanceOf(InvalidCredentialsError);
    });

    it('locks a login after five failures', async () => {
      const { login, password } = await service.createOperator();
      const now = new Date();
      for (let attempt = 0; attempt < MAX_SIGN_IN_FAILURES; attempt += 1) {
        await expect(auth.signIn(login, 'wrong-password', now)).rejects.toBeInstanceOf(InvalidCredentialsError);
      }
      await expect(auth.signIn(login, password, now)).rejects.toBeInstanceOf(SignInLockedError);
    });

    it('keeps a login open after four failures', async () => {
      const { login, password } = await service.createOperator();
      for (let attempt = 0; attempt < MAX_SIGN_IN_FAILURES - 1; attempt += 1) {
        await expect(auth.signIn(login, 'wrong-password')).rejects.toBeInstanceOf(InvalidCredentialsError);
      }
      await expect(auth.signIn(login, password)).resolves.toHaveProperty('sessionId');
    });

    it('unlocks after fifteen minutes', async () => {
      const { login, password } = await service.createOperator();
      const now = new Date();
      for (let attempt = 0; attempt < MAX_SIGN_IN_FAILURES; attempt += 1) {
        await expect(auth.signIn(login, 'wrong-password', now)).rejects.toBeInstanceOf(InvalidCredentialsError);
      }
      const later = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000 + 1000);
      await expect(auth.signIn(login, password, later)).resolves.toHaveProperty('sessionId');
    });

    it('locks an unknown login too', async () => {
      const now = new Date();
      for (let attempt = 0; attempt < MAX_SIGN_IN_FAILURES; attempt += 1) {
        await expect(auth.signIn('nobody-here', 'wrong-password', now)).rejects.toBeInstanceOf(InvalidCredentialsError);
      }
      await expect(auth.signIn('nobody-here', 'wrong-password', now)).rejects.toBeInstanceOf(SignInLockedError);
    });
  });

  describe('over HTTP', () => {
    /** Signs in through the form and returns the session cookie and the page's CSRF token. */
    async function signInOverHttp(): Promise<{ cookie: string; csrfToken: string }> {
      const { login, password } = await service.createOperator();
      const form = await fetch(`${service.baseUrl}/console/login`);
      const signInToken = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
      const signedIn = await fetch(`${service.baseUrl}/console/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(form) },
        body: new URLSearchParams({ login, password, _csrf: signInToken }),
      });
      const cookie = cookiesOf(signedIn)
        .split('; ')
        .filter((pair) => pair.startsWith('ediary_console_session='))
        .join('; ');
      const page = await fetch(`${service.baseUrl}/console/failed`, { headers: { cookie } });
      const csrfToken = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
      return { cookie, csrfToken };
    }

    it('redirects to the sign-in page without a session', async () => {
      const response = await fetch(`${service.baseUrl}/console/deadlines`, { redirect: 'manual' });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/console/login');
    });

    it('sets an HttpOnly SameSite=Strict session cookie', async () => {
      const { login, password } = await service.createOperator();
      const form = await fetch(`${service.baseUrl}/console/login`);
      const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
      const response = await fetch(`${service.baseUrl}/console/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(form) },
        body: new URLSearchParams({ login, password, _csrf: token }),
      });
      const sessionCookie = response.headers.getSetCookie().find((line) => line.startsWith('ediary_console_session=')) ?? '';
      expect(response.status).toBe(303);
      expect(sessionCookie).toMatch(/; HttpOnly/i);
      expect(sessionCookie).toMatch(/; SameSite=Strict/i);
      expect(sessionCookie).not.toMatch(/; Secure/i);
    });

    it('shows the generic error for a wrong password', async () => {
      const { login } = await service.createOperator();
      const form = await fetch(`${service.baseUrl}/console/login`);
      const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
      const response = await fetch(`${service.baseUrl}/console/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(form) },
        body: new URLSearchParams({ login, password: 'wrong-password', _csrf: token }),
      });
      expect(response.status).toBe(401);
      expect(await response.text()).toContain('Неверный логин или пароль');
    });

    it('rejects a sign-in form without its token', async () => {
      const { login, password } = await service.createOperator();
      const response = await fetch(`${service.baseUrl}/console/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ login, password }),
      });
      expect(response.status).toBe(403);
    });

    it('accepts a form with the session token', async () => {
      const { cookie, csrfToken } = await signInOverHttp();
      const response = await fetch(`${service.baseUrl}/console/failed`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({ _csrf: csrfToken, action: 'retry', ids: `n${'0'.repeat(31)}` }),
      });
      expect(response.status).toBe(303);
    });

    it('rejects a form without the CSRF token', async () => {
      const { cookie } = await signInOverHttp();
      const response = await fetch(`${service.baseUrl}/console/failed`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({ action: 'retry', ids: `n${'0'.repeat(31)}` }),
      });
      expect(response.status).toBe(403);
    });

    it('rejects a form with a wrong CSRF token', async () => {
      const { cookie, csrfToken } = await signInOverHttp();
      const response = await fetch(`${service.baseUrl}/console/failed`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({ _csrf: `${csrfToken.slice(0, -2)}xx`, action: 'retry', ids: `n${'0'.repeat(31)}` }),
      });
      expect(response.status).toBe(403);
    });

    it('ends the session on sign-out', async () => {
      const { cookie, csrfToken } = await signInOverHttp();
      await fetch(`${service.baseUrl}/console/logout`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({ _csrf: csrfToken }),
      });
      const after = await fetch(`${service.baseUrl}/console`, { redirect: 'manual', headers: { cookie } });
      expect(after.status).toBe(303);
    });

    it('keeps Bull Board behind the sign-in', async () => {
      const response = await fetch(`${service.baseUrl}/console/queues`, { redirect: 'manual' });
      expect(response.status).toBe(303);
    });

    it('serves Bull Board to a signed-in operator', async () => {
      const { cookie } = await signInOverHttp();
      const response = await fetch(`${service.baseUrl}/console/queues`, { headers: { cookie } });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('/console/queues');
    });
  });
});
