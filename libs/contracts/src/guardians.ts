import { z } from 'zod';
import { channelSchema, entityIdSchema, isoDateTimeSchema } from './primitives';

export const CONSENT_DECISIONS = ['granted', 'refused', 'not-given'] as const;
export const consentDecisionSchema = z.enum(CONSENT_DECISIONS);

/** Current consent of one guardian; published to a compacted topic keyed by guardianId. */
export const consentStateSchema = z.object({
  guardianId: entityIdSchema,
  /** Consent to personal-data processing under 152-FZ. */
  personalDataProcessing: consentDecisionSchema,
  /** Consent to receive information electronically (email, SMS). */
  electronicInformation: consentDecisionSchema,
  /** Grows by one with each registered decision, so consumers can drop stale states. */
  revision: z.number().int().min(0),
  updatedAt: isoDateTimeSchema,
});
export type ConsentState = z.infer<typeof consentStateSchema>;

export const CONTACT_SOURCES = ['written-application', 'electronic-document', 'entered-by-guardian'] as const;
export const contactSourceSchema = z.enum(CONTACT_SOURCES);

/** Current contacts of one guardian; published to a compacted topic keyed by guardianId. */
const personNameSchema = z.string().trim().min(1).max(200);

export const contactsStateSchema = z.object({
  guardianId: entityIdSchema,
  schoolId: entityIdSchema,
  /** Full name as the school office writes it, used in the greeting of messages. */
  fullName: personNameSchema,
  students: z
    .array(z.object({ studentId: entityIdSchema, classId: entityIdSchema, fullName: personNameSchema }))
    .max(20),
  email: z.object({ address: z.email(), source: contactSourceSchema }).optional(),
  phone: z
    .object({
      e164: z.string().regex(/^\+[1-9]\d{7,14}$/, 'expected a phone number in E.164 form, e.g. +79211234567'),
      source: contactSourceSchema,
      unsubscribed: z.boolean().default(false),
    })
    .optional(),
  channels: z.array(channelSchema).max(3),
  revision: z.number().int().min(0),
  updatedAt: isoDateTimeSchema,
});
export type ContactsState = z.infer<typeof contactsStateSchema>;
