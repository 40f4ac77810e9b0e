import { Body, Controller, Get, HttpStatus, Param, Post, Put, Query, Res } from '@nestjs/common';
import { Roles, ZodValidationPipe } from '@ediary/http-api';
import type { Response } from 'express';
import type { GuardianView } from './guardian-contacts';
import { guardianDtoSchema, type GuardianDto } from './guardian.dto';
import { guardianParamsSchema, type GuardianParams } from './guardian-params.dto';
import { GuardiansService } from './guardians.service';
import { listGuardiansQuerySchema, type ListGuardiansQuery } from './list-guardians-query.dto';

/** Guardians, their students, contact points and agreed channels, kept by the school office. */
@Roles('operator')
@Controller('v1/guardians')
export class GuardiansController {
  constructor(private readonly guardians: GuardiansService) {}

  /** Responds with 201 when created and with 200 when the same guardian with the same contacts exists. */
  @Post()
  async create(
    @Body(new ZodValidationPipe(guardianDtoSchema)) body: GuardianDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<GuardianView> {
    const result = await this.guardians.create(body);
    response.status(result.changed ? HttpStatus.CREATED : HttpStatus.OK);
    return result.guardian;
  }

  @Put(':guardianId')
  async replace(
    @Param(new ZodValidationPipe(guardianParamsSchema)) params: GuardianParams,
    @Body(new ZodValidationPipe(guardianDtoSchema)) body: GuardianDto,
  ): Promise<GuardianView> {
    return (await this.guardians.replace(params.guardianId, body)).guardian;
  }

  @Get(':guardianId')
  get(@Param(new ZodValidationPipe(guardianParamsSchema)) params: GuardianParams): Promise<GuardianView> {
    return this.guardians.get(params.guardianId);
  }

  @Get()
  async list(
    @Query(new ZodValidationPipe(listGuardiansQuerySchema)) query: ListGuardiansQuery,
  ): Promise<{ guardians: GuardianView[] }> {
    return { guardians: await this.guardians.listByClass(query) };
  }
}
