import { Body, Controller, Post, Res } from '@nestjs/common';
import { Roles, ZodValidationPipe } from '@ediary/http-api';
import type { Response } from 'express';
import { CorrelationId } from '../http/correlation-id';
import { batchResponseStatus } from '../journal/write-status';
import { recordExamResultsSchema, type RecordExamResultsRequest } from './exam-results.dto';
import { ExamResultsService } from './exam-results.service';

@Controller('v1/exam-results')
@Roles('journal')
export class ExamResultsController {
  constructor(private readonly examResults: ExamResultsService) {}

  /** 201 when at least one result was stored, 200 when every one was stored already. */
  @Post()
  async record(
    @Body(new ZodValidationPipe(recordExamResultsSchema)) body: RecordExamResultsRequest,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const results = await this.examResults.record(body.examResults, correlationId);
    response.status(batchResponseStatus(results));
    return { results };
  }
}
