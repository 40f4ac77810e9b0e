import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { TOPICS } from '@ediary/contracts';
import { ApiError } from '@ediary/http-api';
import { KAFKA_OPTIONS, type KafkaOptions } from '@ediary/kafka';
import { pendingEvent } from '@ediary/outbox';
import type { ConsentDecisionDto } from './consent-decision.dto';
import { ConsentOutbox } from './consent-outbox.service';
import {
  deriveCurrentConsent,
  fingerprintRegistration,
  toConsentView,
  type ConsentRegistration,
  type ConsentView,
  type RegistrationRequest,
} from './consent-register';
import type { ConsentWithdrawalDto } from './consent-withdrawal.dto';
import { CONSENT_ERROR_CODES } from './consent.errors';
import { ConsentRepository } from './consent.repository';

/** Attempts of one registration that lose the race for the same guardian before giving up with 409. */
const MAX_WRITE_ATTEMPTS = 5;

export interface RegistrationResult {
  /** False when an identical request was already registered and nothing new was written. */
  recorded: boolean;
  consent: ConsentView;
}

@Injectable()
export class ConsentService {
  private readonly logger = new Logger(ConsentService.name);

  constructor(
    private readonly repository: ConsentRepository,
    private readonly outbox: ConsentOutbox,
    @Inject(KAFKA_OPTIONS) private readonly kafkaOptions: KafkaOptions,
  ) {}

  async getConsent(guardianId: string): Promise<ConsentView> {
    return toConsentView(guardianId, await this.repository.findHistory(guardianId));
  }

  registerDecision(guardianId: string, decision: ConsentDecisionDto, apiKeyId: string | null): Promise<RegistrationResult> {
    return this.register(guardianId, { kind: 'decision', ...decision }, apiKeyId);
  }

  registerWithdrawal(guardianId: string, withdrawal: ConsentWithdrawalDto, apiKeyId: string | null): Promise<RegistrationResult> {
    return this.register(guardianId, { kind: 'withdrawal', ...withdrawal }, apiKeyId);
  }

  /**
   * Appends the registration as the next sequence of the guardian's history. The unique
   * indexes on (guardianId, sequence) and (guardianId, fingerprint) decide races: a
   * rejected insert reads the history again and either finds this request recorded or
   * retries with the next sequence.
   */
  private async register(guardianId: string, request: RegistrationRequest, apiKeyId: string | null): Promise<RegistrationResult> {
    const fingerprint = fingerprintRegistration(request);
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt += 1) {
      const history = await this.repository.findHistory(guardianId);
      if (history.some((entry) => entry.fingerprint === fingerprint)) {
        this.logger.log({ guardianId, revision: history.length, kind: request.kind }, 'identical registration already recorded; nothing written');
        return { recorded: false, consent: toConsentView(guardianId, history) };
      }

      const registration = this.newRegistration(history, request, fingerprint, apiKeyId);
      const updated = [...history, registration];
      const state = deriveCurrentConsent(updated);
      const event = pendingEvent(
        TOPICS.consentState,
        { guardianId, ...state, revision: registration.sequence, updatedAt: registration.registeredAt.toISOString() },
        { key: guardianId, producer: this.kafkaOptions.clientId },
      );
      if (await this.repository.insert(guardianId, registration, event)) {
        this.outbox.nudge();
        this.logger.log({ guardianId, revision: registration.sequence, kind: request.kind }, 'consent registration recorded');
        return { recorded: true, consent: toConsentView(guardianId, updated) };
      }
      this.logger.warn({ guardianId, attempt, readRevision: history.length }, 'consent history changed concurrently; retrying');
    }
    throw new ApiError(
      HttpStatus.CONFLICT,
      CONSENT_ERROR_CODES.concurrentRegistration,
      'Решения этого представителя одновременно регистрируются другими запросами; повторите запрос',
    );
  }

  private newRegistration(
    history: readonly ConsentRegistration[],
    request: RegistrationRequest,
    fingerprint: string,
    apiKeyId: string | null,
  ): ConsentRegistration {
    const decisions =
      request.kind === 'decision'
        ? {
            ...(request.personalDataProcessing && { personalDataProcessing: request.personalDataProcessing }),
            ...(request.electronicInformation && { electronicInformation: request.electronicInformation }),
          }
        : { scope: request.scope };
    return {
      sequence: (history.at(-1)?.sequence ?? 0) + 1,
      kind: request.kind,
      ...decisions,
      registeredBy: request.registeredBy,
      form: request.form,
      documentReference: request.documentReference,
      decidedAt: request.decidedAt,
      registeredAt: new Date(),
      apiKeyId,
      fingerprint,
    };
  }
}
