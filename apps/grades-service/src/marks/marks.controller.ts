import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, Query, Res } from '@nestjs/common';
import { Roles, ZodValidationPipe } from '@ediary/http-api';
import type { Response } from 'express';
import { CorrelationId } from '../http/correlation-id';
import { studentListQuerySchema, type StudentListQuery } from '../http/list-query.dto';
import { batchResponseStatus } from '../journal/write-status';
import {
  correctMarkSchema,
  markIdParamSchema,
  recordMarksSchema,
  type MarkCorrection,
  type RecordMarksRequest,
} from './marks.dto';
import { MarksService } from './marks.service';

@Controller('v1/marks')
@Roles('journal')
export class MarksController {
  constructor(private readonly marks: MarksService) {}

  /** 201 when at least one mark was recorded, 200 when every mark was stored already. */
  @Post()
  async record(
    @Body(new ZodValidationPipe(recordMarksSchema)) body: RecordMarksRequest,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const results = await this.marks.record(body.marks, correlationId);
    response.status(batchResponseStatus(results));
    return { results };
  }

  @Put(':markId')
  @HttpCode(HttpStatus.OK)
  correct(
    @Param(new ZodValidationPipe(markIdParamSchema)) params: { markId: string },
    @Body(new ZodValidationPipe(correctMarkSchema)) correction: MarkCorrection,
    @CorrelationId() correlationId: string,
  ) {
    return this.marks.correct(params.markId, correction, correlationId);
  }

  @Delete(':markId')
  @HttpCode(HttpStatus.OK)
  delete(@Param(new ZodValidationPipe(markIdParamSchema)) params: { markId: string }, @CorrelationId() correlationId: string) {
    return this.marks.delete(params.markId, correlationId);
  }

  @Get()
  @Roles('journal', 'operator')
  list(@Query(new ZodValidationPipe(studentListQuerySchema)) query: StudentListQuery) {
    return this.marks.listForStudent(query);
  }
}
