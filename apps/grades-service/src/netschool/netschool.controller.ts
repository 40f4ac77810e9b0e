import { Body, Controller, Post, Res } from '@nestjs/common';
import { Roles, ZodValidationPipe } from '@ediary/http-api';
import type { Response } from 'express';
import { CorrelationId } from '../http/correlation-id';
import { batchResponseStatus } from '../journal/write-status';
import { netSchoolImportSchema, type NetSchoolImportRequest } from './netschool-import.dto';
import { NetSchoolImportService } from './netschool-import.service';

@Controller('v1/imports/netschool')
@Roles('journal')
export class NetSchoolController {
  constructor(private readonly imports: NetSchoolImportService) {}

  /** 201 when the import recorded or corrected a mark, 200 when it changed nothing. */
  @Post()
  async importDiary(
    @Body(new ZodValidationPipe(netSchoolImportSchema)) body: NetSchoolImportRequest,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const imported = await this.imports.importDiary(body, correlationId);
    response.status(batchResponseStatus(imported.results));
    return imported;
  }
}
