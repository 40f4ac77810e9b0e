import { Body, Controller, Get, HttpStatus, Inject, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@ediary/http-api';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../notifications.config';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { deadlinesPage, failedPage, logPage, messagePage, overviewPage, type PageSession } from './console-pages';
import { ConsoleSessionGuard, type ConsoleRequest } from './console-session.guard';
import { failedActionFormSchema, logQuerySchema } from './console.dto';
import { ConsoleService } from './console.service';

export function pageSession(request: ConsoleRequest): PageSession {
  const session = request.consoleSession;
  if (!session) throw new Error('ConsoleSessionGuard did not run before a console page');
  return { login: session.login, csrfToken: session.csrfToken };
}

export function sendHtml(response: Response, status: number, body: string): void {
  response.status(status).type('html').setHeader('cache-control', 'no-store').send(body);
}

/** Console pages: queues, failed deliveries, the deadline board and the delivery log. */
@Public()
@UseGuards(ConsoleSessionGuard)
@UseFilters(ConsoleExceptionFilter)
@Controller('console')
export class ConsoleController {
  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    private readonly console: ConsoleService,
  ) {}

  private get timeZone(): string {
    return this.config.schools.defaultTimeZone;
  }

  @Get()
  async overview(@Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const now = new Date();
    sendHtml(response, HttpStatus.OK, overviewPage(pageSession(request), await this.console.queueOverview(now), now));
  }

  @Get('api/overview')
  async overviewJson(@Res() response: Response): Promise<void> {
    const now = new Date();
    response.setHeader('cache-control', 'no-store').json({ at: now.toISOString(), queues: await this.console.queueOverview(now) });
  }

  @Get('failed')
  async failed(@Req() request: ConsoleRequest, @Res() response: Response, @Query('done') done?: string): Promise<void> {
    const notice = done ? describeDone(done) : undefined;
    sendHtml(response, HttpStatus.OK, failedPage(pageSession(request), await this.console.failedDeliveries(), this.timeZone, notice));
  }

  @Post('failed')
  async failedAction(@Req() request: ConsoleRequest, @Body() body: unknown, @Res() response: Response): Promise<void> {
    const form = failedActionFormSchema.safeParse(body ?? {});
    if (!form.success || form.data.ids.length === 0) {
      sendHtml(response, HttpStatus.UNPROCESSABLE_ENTITY, messagePage('Ошибки доставки', 'Отметьте хотя бы одну доставку.', pageSession(request)));
      return;
    }
    const result =
      form.data.action === 'retry' ? await this.console.retry(form.data.ids) : await this.console.discard(form.data.ids);
    response.redirect(HttpStatus.SEE_OTHER, `/console/failed?done=${form.data.action}-${result.changed}-${result.skipped.length}`);
  }

  @Get('deadlines')
  async deadlines(@Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    sendHtml(response, HttpStatus.OK, deadlinesPage(pageSession(request), await this.console.deadlineBoard(), this.timeZone));
  }

  @Get('log')
  async log(@Req() request: ConsoleRequest, @Query() query: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const parsed = logQuerySchema.safeParse(query);
    const search = parsed.success ? parsed.data : {};
    sendHtml(response, HttpStatus.OK, logPage(pageSession(request), search, await this.console.deliveryLog(search), this.timeZone));
  }
}

/** «Отправлено повторно: 2», from the redirect's done=retry-2-0 after a bulk action. */
function describeDone(done: string): string | undefined {
  const match = /^(retry|discard)-(\d+)-(\d+)$/.exec(done);
  if (!match) return undefined;
  const [, action, changed, skipped] = match;
  const verb = action === 'retry' ? 'Отправлено повторно' : 'Снято с доставки';
  return `${verb}: ${changed}.${skipped !== '0' ? ` Пропущено (уже не в статусе ошибки): ${skipped}.` : ''}`;
}
