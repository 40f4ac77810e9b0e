import { createHash } from 'node:crypto';
import type { ConsentState } from '@ediary/contracts';
import type { ConsentDecisionDto } from './consent-decision.dto';
import type { ConsentWithdrawalDto, WithdrawalScope } from './consent-withdrawal.dto';
import type { REGISTRATION_FORMS } from './registration-fields';

export type ConsentDecisionState = ConsentState['personalDataProcessing'];
export type RegisteredDecision = Exclude<ConsentDecisionState, 'not-given'>;
export type RegistrationForm = (typeof REGISTRATION_FORMS)[number];

/** One document registered by the school office: a decision or a withdrawal. */
export type RegistrationRequest =
  | ({ kind: 'decision' } & ConsentDecisionDto)
  | ({ kind: 'withdrawal' } & ConsentWithdrawalDto);

/** An entry of a guardian's append-only history. `sequence` is the revision it produced, counted from 1. */
export interface ConsentRegistration {
  sequence: number;
  kind: 'decision' | 'withdrawal';
  personalDataProcessing?: RegisteredDecision;
  electronicInformation?: RegisteredDecision;
  scope?: WithdrawalScope;
  registeredBy: string;
  form: RegistrationForm;
  documentReference: string;
  /** As the client sent it, offset included. */
  decidedAt: string;
  registeredAt: Date;
  /** Id of the API key that registered the document, for the audit trail. */
  apiKeyId: string | null;
  /** Hash of what makes two requests the same registration (see fingerprintRegistration). */
  fingerprint: string;
}

export interface CurrentConsent {
  personalDataProcessing: ConsentDecisionState;
  electronicInformation: ConsentDecisionState;
}

/**
 * Hashes the parts that make a repeated request the same registration: the kind, the
 * decisions or the scope, the document and the moment of the decision. decidedAt counts
 * as an instant, so 10:00+03:00 and 07:00Z are the same. Who typed it in does not count.
 */
export function fingerprintRegistration(request: RegistrationRequest): string {
  const decisions =
    request.kind === 'decision'
      ? [request.personalDataProcessing ?? null, request.electronicInformation ?? null]
      : [request.scope];
  const identity = [request.kind, ...decisions, request.documentReference, Date.parse(request.decidedAt)];
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex');
}

type RegistrationEffect = Pick<
  ConsentRegistration,
  'sequence' | 'kind' | 'personalDataProcessing' | 'electronicInformation' | 'scope' | 'decidedAt'
>;

function applyRegistration(state: CurrentConsent, entry: RegistrationEffect): CurrentConsent {
  if (entry.kind === 'decision') {
    return {
      personalDataProcessing: entry.personalDataProcessing ?? state.personalDataProcessing,
      electronicInformation: entry.electronicInformation ?? state.electronicInformation,
    };
  }
  switch (entry.scope) {
    case 'electronic-information':
      return { ...state, electronicInformation: 'refused' };
    // Without consent to processing nothing may be sent electronically either. A
    // withdrawal always has a scope, and one without it would count as withdrawing both.
    case 'personal-data-processing':
    case 'all':
    default:
      return { personalDataProcessing: 'refused', electronicInformation: 'refused' };
  }
}

/**
 * Computes the current decisions from the history. Entries apply in the order of
 * decidedAt, and entries with the same instant in the order of registration. A paper
 * application that the office registers late therefore does not override a decision
 * that the guardian made after it.
 */
export function deriveCurrentConsent(history: readonly RegistrationEffect[]): CurrentConsent {
  const ordered = [...history].sort(
    (left, right) => Date.parse(left.decidedAt) - Date.parse(right.decidedAt) || left.sequence - right.sequence,
  );
  return ordered.reduce<CurrentConsent>(applyRegistration, {
    personalDataProcessing: 'not-given',
    electronicInformation: 'not-given',
  });
}

/** A history entry as the API returns it. */
export type ConsentRegistrationView = Omit<ConsentRegistration, 'fingerprint' | 'registeredAt'> & {
  registeredAt: string;
};

/** The response of every consent route: the current state and the full history in registration order. */
export interface ConsentView extends CurrentConsent {
  guardianId: string;
  revision: number;
  /** Null while nothing has been registered for the guardian. */
  updatedAt: string | null;
  history: ConsentRegistrationView[];
}

/** Builds the response from a guardian's history, in any order; an empty history means nothing registered yet. */
export function toConsentView(guardianId: string, history: readonly ConsentRegistration[]): ConsentView {
  const ordered = [...history].sort((left, right) => left.sequence - right.sequence);
  const latest = ordered.at(-1);
  return {
    guardianId,
    ...deriveCurrentConsent(ordered),
    revision: latest?.sequence ?? 0,
    updatedAt: latest ? latest.registeredAt.toISOString() : null,
    history: ordered.map(({ fingerprint: _fingerprint, registeredAt, ...entry }) => ({
      ...entry,
      registeredAt: registeredAt.toISOString(),
    })),
  };
}
