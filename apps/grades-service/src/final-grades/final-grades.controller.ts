import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { Roles, ZodValidationPipe } from '@ediary/http-api';
import type { Response } from 'express';
import { CorrelationId } from '../http/correlation-id';
import { studentListQuerySchema, type StudentListQuery } from '../http/list-query.dto';
import { batchResponseStatus } from '../journal/write-status';
import {
  deferFinalGradesSchema,
  recordFinalGradesSchema,
  type DeferFinalGradesRequest,
  type RecordFinalGradesRequest,
} from './final-grades.dto';
import { FinalGradesService } from './final-grades.service';

@Controller('v1/final-grades')
@Roles('journal')
export class FinalGradesController {
  constructor(private readonly finalGrades: FinalGradesService) {}

  /** 201 when at least one grade was stored, 200 when every one was stored already. */
  @Post()
  async record(
    @Body(new ZodValidationPipe(recordFinalGradesSchema)) body: RecordFinalGradesRequest,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const results = await this.finalGrades.record(body.finalGrades, correlationId);
    response.status(batchResponseStatus(results));
    return { results };
  }

  /** Defers final grades because the student was ill; 201 or 200 as for grades. */
  @Post('deferrals')
  async defer(
    @Body(new ZodValidationPipe(deferFinalGradesSchema)) body: DeferFinalGradesRequest,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const results = await this.finalGrades.defer(body.deferrals, correlationId);
    response.status(batchResponseStatus(results));
    return { results };
  }

  @Get()
  @Roles('journal', 'operator')
  list(@Query(new ZodValidationPipe(studentListQuerySchema)) query: StudentListQuery) {
    return this.finalGrades.listForStudent(query);
  }
}
