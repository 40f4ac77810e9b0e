import { CHANNELS, CONTACT_SOURCES } from '@ediary/contracts';
import { z } from 'zod';
import { CONTACTS_ERROR_CODES } from './guardians.errors';
import { normalizeRussianPhone, RUSSIAN_PHONE_EXAMPLE } from './phone-number';
import { entityId, lineBreakFreeString, personName } from './text-fields';

const MAX_STUDENTS = 20;

const sourceSchema = z.enum(CONTACT_SOURCES, {
  error: `Укажите источник контакта: ${CONTACT_SOURCES.join(', ')}`,
});

const studentSchema = z.strictObject({
  studentId: entityId(),
  classId: entityId(),
  fullName: personName(),
});

/** Plain z.email() on purpose: the contract's contactsStateSchema checks the address with it too. */
const EMAIL_FORMAT = z.email();

/** Maximum address length: RFC 5321 (4.5.3.1.3) limits a path to 256 octets, including its two angle brackets. */
const MAX_EMAIL_LENGTH = 254;

// The pipe stops after a line break, so such a value gets that one problem only.
const emailAddressSchema = lineBreakFreeString().pipe(
  z
    .string()
    .trim()
    .max(MAX_EMAIL_LENGTH, `Адрес длиннее ${MAX_EMAIL_LENGTH} символов`)
    .refine((value) => EMAIL_FORMAT.safeParse(value).success, {
      error: 'Укажите адрес электронной почты в виде ivanova@example.ru',
      params: { code: CONTACTS_ERROR_CODES.invalidEmail },
    }),
);

const phoneNumberSchema = lineBreakFreeString().transform((value, context) => {
  const e164 = normalizeRussianPhone(value);
  if (e164 === null) {
    context.addIssue({
      code: 'custom',
      message: `Укажите номер в формате ${RUSSIAN_PHONE_EXAMPLE}`,
      params: { code: CONTACTS_ERROR_CODES.invalidPhone },
    });
    return z.NEVER;
  }
  return e164;
});

const channelValueSchema = z.enum(CHANNELS, { error: `Укажите канал: ${CHANNELS.join(', ')}` });

/**
 * Makes an object-level check run even after a field failed, so that one 422 lists
 * every problem. The check then receives raw or partly parsed values, so it must test
 * the shape of each value it reads.
 */
const runOnObjectsDespiteFieldProblems = {
  when: (payload: { value: unknown }) =>
    typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value),
};

/**
 * Body of POST /v1/guardians and PUT /v1/guardians/:guardianId, with everything the
 * school office records about one guardian. The phone comes out normalised to E.164.
 */
export const guardianDtoSchema = z
  .strictObject({
    guardianId: entityId(),
    schoolId: entityId(),
    fullName: personName(),
    students: z.array(studentSchema, { error: 'Укажите список детей' }).max(MAX_STUDENTS, `Не больше ${MAX_STUDENTS} детей`),
    email: z.strictObject({ address: emailAddressSchema, source: sourceSchema }).optional(),
    phone: z.strictObject({ number: phoneNumberSchema, source: sourceSchema }).optional(),
    channels: z.array(channelValueSchema, { error: 'Укажите список каналов' }),
  })
  .superRefine((body, context) => {
    const students: unknown[] = Array.isArray(body.students) ? body.students : [];
    const seenStudents = new Set<string>();
    students.forEach((student, index) => {
      const studentId = (student as { studentId?: unknown } | null)?.studentId;
      if (typeof studentId !== 'string') return;
      if (seenStudents.has(studentId.trim())) {
        context.addIssue({
          code: 'custom',
          path: ['students', index, 'studentId'],
          message: 'Этот ребёнок уже указан в списке',
          params: { code: CONTACTS_ERROR_CODES.duplicateStudent },
        });
      }
      seenStudents.add(studentId.trim());
    });

    const channels: unknown[] = Array.isArray(body.channels) ? body.channels : [];
    const seenChannels = new Set<unknown>();
    channels.forEach((channel, index) => {
      if (seenChannels.has(channel)) {
        context.addIssue({
          code: 'custom',
          path: ['channels', index],
          message: `Канал ${String(channel)} указан дважды`,
          params: { code: CONTACTS_ERROR_CODES.duplicateChannel },
        });
      }
      seenChannels.add(channel);
    });
    if (seenChannels.has('email') && body.email === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['channels'],
        message: 'Для канала email укажите адрес электронной почты в поле email',
        params: { code: CONTACTS_ERROR_CODES.channelRequiresEmail },
      });
    }
    if (seenChannels.has('sms') && body.phone === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['channels'],
        message: 'Для канала sms укажите номер телефона в поле phone',
        params: { code: CONTACTS_ERROR_CODES.channelRequiresPhone },
      });
    }
  }, runOnObjectsDespiteFieldProblems);
export type GuardianDto = z.infer<typeof guardianDtoSchema>;
