import { Body, Controller, Get, HttpStatus, Inject, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@ediary/http-api';
import { localDate } from '../delivery-policy/digest-schedule';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../notifications.config';
import { ExtractPdfService } from '../paper/extract-pdf.service';
import { HandOverDateInvalidError, PaperExtractService } from '../paper/paper-extract.service';
import { pageSession, sendHtml } from './console.controller';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { messagePage, paperPage } from './console-pages';
import { ConsoleSessionGuard, type ConsoleRequest } from './console-session.guard';
import { handOverFormSchema } from './console.dto';

/** ASCII file name for Content-Disposition; ids may hold any characters. */
const fileName = (prefix: string, id: string) => `${prefix}-${id.replace(/[^A-Za-z0-9_-]/g, '_')}.pdf`;

function sendPdf(response: Response, pdf: Buffer, name: string): void {
  response
    .status(HttpStatus.OK)
    .type('application/pdf')
    .setHeader('content-disposition', `attachment; filename="${name}"`)
    .setHeader('cache-control', 'no-store')
    .send(pdf);
}

/** Paper extracts: the waiting list by class, the PDFs and the hand-over. */
@Public()
@UseGuards(ConsoleSessionGuard)
@UseFilters(ConsoleExceptionFilter)
@Controller('console/paper')
export class ConsolePaperController {
  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    private readonly extracts: PaperExtractService,
    private readonly pdf: ExtractPdfService,
  ) {}

  @Get()
  async waiting(@Req() request: ConsoleRequest, @Res() response: Response, @Query('handedOver') handedOver?: string): Promise<void> {
    const today = localDate(new Date(), this.config.schools.defaultTimeZone);
    const notice = /^\d+$/.test(handedOver ?? '') ? `Отмечено выданными уведомлений: ${handedOver}.` : undefined;
    sendHtml(response, HttpStatus.OK, paperPage(pageSession(request), await this.extracts.listWaitingByClass(), today, notice));
  }

  @Get('guardians/:guardianId.pdf')
  async guardianPdf(@Req() request: ConsoleRequest, @Param('guardianId') guardianId: string, @Res() response: Response): Promise<void> {
    const extract = await this.extracts.guardianExtract(guardianId);
    if (!extract) {
      sendHtml(response, HttpStatus.NOT_FOUND, messagePage('Бумажные выписки', `У представителя ${guardianId} нет выписок, ожидающих печати.`, pageSession(request)));
      return;
    }
    sendPdf(response, await this.pdf.render([extract], `Выписка ${guardianId}`), fileName('vypiska', guardianId));
  }

  @Get('classes/:classId.pdf')
  async classPdf(@Param('classId') classId: string, @Res() response: Response): Promise<void> {
    const extracts = await this.extracts.classExtracts(classId);
    sendPdf(response, await this.pdf.render(extracts, `Выписки, класс ${classId}`), fileName('vypiski-klass', classId));
  }

  @Post('hand-over')
  async handOver(@Req() request: ConsoleRequest, @Body() body: unknown, @Res() response: Response): Promise<void> {
    const form = handOverFormSchema.safeParse(body ?? {});
    if (!form.success || form.data.guardianIds.length === 0) {
      sendHtml(response, HttpStatus.UNPROCESSABLE_ENTITY, messagePage('Бумажные выписки', 'Отметьте хотя бы одного представителя и укажите дату выдачи.', pageSession(request)));
      return;
    }
    let changed = 0;
    try {
      for (const guardianId of form.data.guardianIds) changed += await this.extracts.handOver(guardianId, form.data.handedOverOn);
    } catch (error) {
      if (!(error instanceof HandOverDateInvalidError)) throw error;
      sendHtml(response, HttpStatus.UNPROCESSABLE_ENTITY, messagePage('Бумажные выписки', 'Дата выдачи не может быть позже сегодняшней.', pageSession(request)));
      return;
    }
    response.redirect(HttpStatus.SEE_OTHER, `/console/paper?handedOver=${changed}`);
  }
}
