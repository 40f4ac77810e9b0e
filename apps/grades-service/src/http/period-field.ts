import { z } from 'zod';
import { REPORTING_PERIOD_KINDS, type ReportingPeriod } from '@ediary/contracts';
import { codedField, codedIssue, quoteValue } from './coded-field';
import { FIELD_CODES } from './error-codes';

type PeriodKind = (typeof REPORTING_PERIOD_KINDS)[number];

/** Russian name of each kind of reporting period and how many of them a school year has. */
const PERIOD_KINDS: Record<PeriodKind, { label: string; count: number | null }> = {
  quarter: { label: 'четверть', count: 4 },
  trimester: { label: 'триместр', count: 3 },
  'half-year': { label: 'полугодие', count: 2 },
  year: { label: 'год', count: null },
};

const KIND_LIST = REPORTING_PERIOD_KINDS.map((kind) => `${kind} (${PERIOD_KINDS[kind].label})`).join(', ');

/** "2026/2027": two consecutive years. */
function isSchoolYear(value: string): boolean {
  const match = /^(\d{4})\/(\d{4})$/.exec(value);
  return match !== null && Number(match[2]) === Number(match[1]) + 1;
}

/**
 * A reporting period: quarters are numbered 1–4, trimesters 1–3, half-years 1–2, and the
 * year has no number.
 */
export const periodField = () =>
  z
    .strictObject({
      kind: codedField(z.enum(REPORTING_PERIOD_KINDS), FIELD_CODES.invalidPeriodKind, (value) => `Неизвестный вид периода ${quoteValue(value)}: допустимы ${KIND_LIST}`),
      number: codedField(z.number().int(), FIELD_CODES.invalidPeriodNumber, 'Номер периода: целое число').optional(),
      schoolYear: codedField(
        z.string().refine(isSchoolYear),
        FIELD_CODES.invalidSchoolYear,
        (value) => `Неверный учебный год ${quoteValue(value)}: ожидаются два года подряд, например 2026/2027`,
      ),
    })
    .superRefine((period, context) => {
      const { label, count } = PERIOD_KINDS[period.kind];
      if (count === null && period.number !== undefined) {
        context.addIssue(codedIssue(FIELD_CODES.invalidPeriodNumber, `Для периода «${label}» номер не указывается`, ['number']));
      }
      if (count !== null && (period.number === undefined || period.number < 1 || period.number > count)) {
        context.addIssue(codedIssue(FIELD_CODES.invalidPeriodNumber, `Для периода «${label}» укажите номер от 1 до ${count}`, ['number']));
      }
    })
    .transform((period): ReportingPeriod => period);

/** Russian name of a period for messages, e.g. "2 четверть 2026/2027". */
export function describePeriod(period: ReportingPeriod): string {
  const { label } = PERIOD_KINDS[period.kind];
  return period.number === undefined ? `${label} ${period.schoolYear}` : `${period.number} ${label} ${period.schoolYear}`;
}
