import { ArgumentsHost, Catch, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { messagePage } from './console-pages';
import { ConsoleSignInRequiredError, CsrfTokenRejectedError } from './console-session.guard';

export const CSRF_REJECTED_RU =
  'Форма отклонена: в ней нет действующего кода защиты. Обновите страницу и отправьте форму ещё раз.';

/** Turns console auth errors into a redirect to the sign-in page or a Russian error page. */
@Catch(ConsoleSignInRequiredError, CsrfTokenRejectedError)
export class ConsoleExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ConsoleExceptionFilter.name);

  catch(exception: ConsoleSignInRequiredError | CsrfTokenRejectedError, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const wantsJson = request.path.startsWith('/console/api/');

    if (exception instanceof CsrfTokenRejectedError) {
      this.logger.warn({ method: request.method, path: request.path }, 'console request rejected: missing or invalid CSRF token');
      response.status(HttpStatus.FORBIDDEN);
      if (wantsJson) response.json({ error: { code: exception.code, message: CSRF_REJECTED_RU, details: [] } });
      else response.type('html').send(messagePage('Запрос отклонён', CSRF_REJECTED_RU));
      return;
    }
    if (wantsJson || request.method !== 'GET') {
      response.status(HttpStatus.UNAUTHORIZED).json({ error: { code: exception.code, message: 'Войдите в консоль', details: [] } });
      return;
    }
    response.redirect(HttpStatus.SEE_OTHER, '/console/login');
  }
}
