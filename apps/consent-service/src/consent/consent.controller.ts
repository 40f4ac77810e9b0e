import { Body, Controller, Get, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import { Roles, ZodValidationPipe, type AuthenticatedRequest } from '@ediary/http-api';
import type { Response } from 'express';
import { consentDecisionDtoSchema, type ConsentDecisionDto } from './consent-decision.dto';
import type { ConsentView } from './consent-register';
import { consentWithdrawalDtoSchema, type ConsentWithdrawalDto } from './consent-withdrawal.dto';
import { ConsentService, type RegistrationResult } from './consent.service';
import { guardianParamsSchema, type GuardianParams } from './guardian-params.dto';

/**
 * The consent register of one guardian. A registration responds with 201 when recorded
 * and with 200 when an identical request was recorded before. Both return the register.
 */
@Roles('operator')
@Controller('v1/guardians/:guardianId')
export class ConsentController {
  constructor(private readonly consent: ConsentService) {}

  @Get('consent')
  getConsent(@Param(new ZodValidationPipe(guardianParamsSchema)) params: GuardianParams): Promise<ConsentView> {
    return this.consent.getConsent(params.guardianId);
  }

  @Post('consent-decisions')
  async registerDecision(
    @Param(new ZodValidationPipe(guardianParamsSchema)) params: GuardianParams,
    @Body(new ZodValidationPipe(consentDecisionDtoSchema)) body: ConsentDecisionDto,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ConsentView> {
    const result = await this.consent.registerDecision(params.guardianId, body, request.apiClient?.keyId ?? null);
    return respond(response, result);
  }

  @Post('consent-withdrawals')
  async registerWithdrawal(
    @Param(new ZodValidationPipe(guardianParamsSchema)) params: GuardianParams,
    @Body(new ZodValidationPipe(consentWithdrawalDtoSchema)) body: ConsentWithdrawalDto,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ConsentView> {
    const result = await this.consent.registerWithdrawal(params.guardianId, body, request.apiClient?.keyId ?? null);
    return respond(response, result);
  }
}

function respond(response: Response, result: RegistrationResult): ConsentView {
  response.status(result.recorded ? HttpStatus.CREATED : HttpStatus.OK);
  return result.consent;
}
