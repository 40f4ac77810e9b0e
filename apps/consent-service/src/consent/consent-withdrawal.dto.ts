import { z } from 'zod';
import { registrationFields } from './registration-fields';

export const WITHDRAWAL_SCOPES = ['personal-data-processing', 'electronic-information', 'all'] as const;
export type WithdrawalScope = (typeof WITHDRAWAL_SCOPES)[number];

/** Body of POST /v1/guardians/:guardianId/consent-withdrawals. */
export const consentWithdrawalDtoSchema = z.strictObject({
  scope: z.enum(WITHDRAWAL_SCOPES, {
    error: 'Укажите, что отзывается: personal-data-processing, electronic-information или all',
  }),
  ...registrationFields,
});
export type ConsentWithdrawalDto = z.infer<typeof consentWithdrawalDtoSchema>;
