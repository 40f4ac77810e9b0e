import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { ApiError } from './api-error';

interface ErrorBody {
  error: { code: string; message: string; details: unknown[]; errorId?: string };
}

const HTTP_CODES: Partial<Record<number, { code: string; message: string }>> = {
  [HttpStatus.NOT_FOUND]: { code: 'NOT_FOUND', message: 'Ресурс не найден' },
  [HttpStatus.METHOD_NOT_ALLOWED]: { code: 'METHOD_NOT_ALLOWED', message: 'Метод не поддерживается' },
  [HttpStatus.PAYLOAD_TOO_LARGE]: { code: 'PAYLOAD_TOO_LARGE', message: 'Слишком большой запрос' },
  [HttpStatus.BAD_REQUEST]: { code: 'BAD_REQUEST', message: 'Некорректный запрос: тело должно быть JSON' },
};

/**
 * Maps every error to one response shape. Unknown errors become a 500 with an errorId
 * that is logged with the stack, so an operator can find the cause without the client
 * seeing internals.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const [status, body] = this.describe(exception);
    response.status(status).json(body);
  }

  private describe(exception: unknown): [number, ErrorBody] {
    if (exception instanceof ApiError) {
      return [exception.status, { error: { code: exception.code, message: exception.messageRu, details: exception.details } }];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const known = HTTP_CODES[status] ?? { code: `HTTP_${status}`, message: 'Запрос отклонён' };
      return [status, { error: { ...known, details: [] } }];
    }
    const errorId = randomUUID();
    this.logger.error({ errorId, err: exception }, 'unhandled error');
    return [
      HttpStatus.INTERNAL_SERVER_ERROR,
      { error: { code: 'INTERNAL_ERROR', message: 'Внутренняя ошибка сервиса, сообщите администратору код ошибки', details: [], errorId } },
    ];
  }
}
