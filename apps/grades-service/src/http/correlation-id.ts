import { createParamDecorator, Injectable, type ExecutionContext, type NestMiddleware } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export const CORRELATION_ID_HEADER = 'X-Correlation-Id';

interface CorrelatedRequest extends Request {
  correlationId?: string;
}

/**
 * Gives every HTTP request a new UUID that goes into the correlationId of each event the
 * request causes, and returns it in the X-Correlation-Id response header, also on errors.
 * A body that is not JSON is rejected by express before this middleware, without the header.
 */
@Injectable()
export class CorrelationIdMiddleware implements NestMiddleware {
  use(request: CorrelatedRequest, response: Response, next: NextFunction): void {
    request.correlationId = randomUUID();
    response.setHeader(CORRELATION_ID_HEADER, request.correlationId);
    next();
  }
}

/** Injects the request's correlation id, which CorrelationIdMiddleware sets. */
export const CorrelationId = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const { correlationId } = context.switchToHttp().getRequest<CorrelatedRequest>();
  if (!correlationId) throw new Error('CorrelationIdMiddleware is not applied to this route');
  return correlationId;
});
