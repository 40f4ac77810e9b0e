import { Body, Controller, Post, Res } from '@nestjs/common';
import { Roles, ZodValidationPipe } from '@ediary/http-api';
import type { Response } from 'express';
import { CorrelationId } from '../http/correlation-id';
import { batchResponseStatus } from '../journal/write-status';
import { assignHomeworkSchema, type AssignHomeworkRequest } from './homework.dto';
import { HomeworkService } from './homework.service';

@Controller('v1/homework')
@Roles('journal')
export class HomeworkController {
  constructor(private readonly homework: HomeworkService) {}

  /** 201 when at least one assignment was stored, 200 when every one was stored already. */
  @Post()
  async assign(
    @Body(new ZodValidationPipe(assignHomeworkSchema)) body: AssignHomeworkRequest,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const results = await this.homework.assign(body.homework, correlationId);
    response.status(batchResponseStatus(results));
    return { results };
  }
}
