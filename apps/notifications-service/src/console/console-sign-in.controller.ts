import { Body, Controller, Get, HttpStatus, Inject, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '@ediary/http-api';
import { CONSOLE_CONFIG, type ConsoleConfig } from './console.config';
import { ConsoleAuthService, InvalidCredentialsError, LOCKOUT_MINUTES, randomToken, secretsEqual, SignInLockedError } from './console-auth.service';
import { clearCookie, readCookie, SESSION_COOKIE, setCookie, SIGN_IN_CSRF_COOKIE } from './console-cookies';
import { ConsoleExceptionFilter, CSRF_REJECTED_RU } from './console-exception.filter';
import { INVALID_CREDENTIALS_RU, messagePage, signInPage } from './console-pages';
import { ConsoleSessionGuard, type ConsoleRequest } from './console-session.guard';
import { signInFormSchema } from './console.dto';

const SIGN_IN_CSRF_MAX_AGE_MS = 60 * 60_000;

const LOCKED_RU = `Вход временно заблокирован после нескольких неудачных попыток. Повторите через ${LOCKOUT_MINUTES} минут.`;

/** Sign-in and sign-out of the operator console. */
@Public()
@UseFilters(ConsoleExceptionFilter)
@Controller('console')
export class ConsoleSignInController {
  constructor(
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
    private readonly auth: ConsoleAuthService,
  ) {}

  @Get('login')
  async signInForm(@Req() request: Request, @Res() response: Response): Promise<void> {
    const sessionId = readCookie(request, SESSION_COOKIE);
    if (sessionId && (await this.auth.session(sessionId))) {
      response.redirect(HttpStatus.SEE_OTHER, '/console');
      return;
    }
    this.sendForm(response, HttpStatus.OK);
  }

  @Post('login')
  async signIn(@Req() request: Request, @Body() body: unknown, @Res() response: Response): Promise<void> {
    const form = signInFormSchema.safeParse(body ?? {});
    const cookieToken = readCookie(request, SIGN_IN_CSRF_COOKIE);
    if (!form.success || !cookieToken || !secretsEqual(cookieToken, form.data._csrf)) {
      response.status(HttpStatus.FORBIDDEN).type('html').send(messagePage('Запрос отклонён', CSRF_REJECTED_RU));
      return;
    }
    try {
      const session = await this.auth.signIn(form.data.login, form.data.password);
      clearCookie(response, this.config, SIGN_IN_CSRF_COOKIE);
      setCookie(response, this.config, SESSION_COOKIE, session.sessionId, session.expiresAt.getTime() - Date.now());
      response.redirect(HttpStatus.SEE_OTHER, '/console');
    } catch (error) {
      if (error instanceof InvalidCredentialsError) {
        this.sendForm(response, HttpStatus.UNAUTHORIZED, INVALID_CREDENTIALS_RU, form.data.login);
        return;
      }
      if (error instanceof SignInLockedError) {
        this.sendForm(response, HttpStatus.TOO_MANY_REQUESTS, LOCKED_RU, form.data.login);
        return;
      }
      throw error;
    }
  }

  @Post('logout')
  @UseGuards(ConsoleSessionGuard)
  async signOut(@Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    if (request.consoleSession) await this.auth.signOut(request.consoleSession.sessionId);
    clearCookie(response, this.config, SESSION_COOKIE);
    response.redirect(HttpStatus.SEE_OTHER, '/console/login');
  }

  /** Renders the form with a fresh double-submit token in a cookie and a hidden field. */
  private sendForm(response: Response, status: number, error?: string, login?: string): void {
    const csrfToken = randomToken();
    setCookie(response, this.config, SIGN_IN_CSRF_COOKIE, csrfToken, SIGN_IN_CSRF_MAX_AGE_MS);
    response
      .status(status)
      .type('html')
      .send(signInPage({ csrfToken, ...(error && { error }), ...(login && { login }) }));
  }
}
