import { consentDecisionSchema } from '@ediary/contracts';
import { z } from 'zod';
import { CONSENT_ERROR_CODES } from './consent.errors';
import { registrationFields } from './registration-fields';

/** A registered decision is either of these; `not-given` is only the state before any. */
const decisionValueSchema = consentDecisionSchema.exclude(['not-given'], {
  error: 'Укажите решение: granted (согласие дано) или refused (отказ)',
});

/** Body of POST /v1/guardians/:guardianId/consent-decisions. */
export const consentDecisionDtoSchema = z
  .strictObject({
    personalDataProcessing: decisionValueSchema.optional(),
    electronicInformation: decisionValueSchema.optional(),
    ...registrationFields,
  })
  .refine((body) => body.personalDataProcessing !== undefined || body.electronicInformation !== undefined, {
    error: 'Укажите хотя бы одно решение: personalDataProcessing или electronicInformation',
    params: { code: CONSENT_ERROR_CODES.decisionRequired },
    // Runs also after a field failed, so that one 422 lists every problem. The check
    // reads only whether two keys are present, which is safe on any object.
    when: (payload) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value),
  });
export type ConsentDecisionDto = z.infer<typeof consentDecisionDtoSchema>;
