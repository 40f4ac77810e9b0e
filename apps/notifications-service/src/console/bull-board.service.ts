import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Application, NextFunction, Request, Response } from 'express';
import { DELIVERY_QUEUES, DeliveryQueues } from '../delivery/delivery-queues';
import { ConsoleAuthService } from './console-auth.service';
import { CSRF_REJECTED_RU } from './console-exception.filter';
import { authenticate, ConsoleSignInRequiredError, CsrfTokenRejectedError } from './console-session.guard';

export const BULL_BOARD_PATH = '/console/queues';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Mounts Bull Board at /console/queues behind the console sign-in. Bull Board's own API calls
 * carry no CSRF token, so a state-changing call must come from this origin: the session cookie
 * is SameSite=Strict and the Origin header, when present, must name this host.
 */
@Injectable()
export class BullBoardService implements OnModuleInit {
  private readonly logger = new Logger(BullBoardService.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly queues: DeliveryQueues,
    private readonly auth: ConsoleAuthService,
  ) {}

  // Runs after Nest registered its routes and before its 404 handler, so the mount is reachable.
  onModuleInit(): void {
    const httpAdapter = this.adapterHost.httpAdapter;
    if (!httpAdapter || httpAdapter.getType() !== 'express') {
      this.logger.warn('no express HTTP adapter; Bull Board is not mounted');
      return;
    }
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(BULL_BOARD_PATH);
    createBullBoard({
      queues: Object.values(DELIVERY_QUEUES).map((name) => new BullMQAdapter(this.queues.queue(name))),
      serverAdapter,
    });
    const app = httpAdapter.getInstance<Application>();
    app.use(BULL_BOARD_PATH, (request: Request, response: Response, next: NextFunction) => {
      void this.admit(request, response, next);
    }, serverAdapter.getRouter());
  }

  private async admit(request: Request, response: Response, next: NextFunction): Promise<void> {
    try {
      if (!SAFE_METHODS.has(request.method) && !sameOrigin(request)) throw new CsrfTokenRejectedError();
      // Bull Board's API has no CSRF token to present, so only the session is checked here.
      await authenticate(this.auth, Object.assign(Object.create(request) as Request, { method: 'GET' }));
      next();
    } catch (error) {
      if (error instanceof ConsoleSignInRequiredError) {
        if (request.method === 'GET') response.redirect(303, '/console/login');
        else response.status(401).json({ error: { code: error.code, message: 'Войдите в консоль', details: [] } });
        return;
      }
      if (error instanceof CsrfTokenRejectedError) {
        response.status(403).json({ error: { code: error.code, message: CSRF_REJECTED_RU, details: [] } });
        return;
      }
      next(error);
    }
  }
}

function sameOrigin(request: Request): boolean {
  const origin = request.header('origin');
  if (!origin) return request.header('sec-fetch-site') !== 'cross-site';
  try {
    return new URL(origin).host === request.header('host');
  } catch {
    return false;
  }
}
