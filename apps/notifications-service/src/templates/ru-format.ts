import type { MarkValue, ReportingPeriod } from '@ediary/contracts';

/** Month names in the genitive case, as a Russian date is written: «3 декабря». */
const GENITIVE_MONTHS = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
] as const;

/** Highest ordinal of each numbered reporting period within a school year. */
const PERIOD_COUNT: Record<Exclude<ReportingPeriod['kind'], 'year'>, number> = {
  quarter: 4,
  trimester: 3,
  'half-year': 2,
};

const PERIOD_NAMES: Record<ReportingPeriod['kind'], string> = {
  quarter: 'четверть',
  trimester: 'триместр',
  'half-year': 'полугодие',
  year: 'год',
};

/** Words for the non-numeric mark codes. The ending «(а)» fits a boy or a girl. */
const MARK_CODE_WORDS: Record<Exclude<MarkValue, number>, string> = {
  н: 'н (отсутствовал(а) на уроке)',
  осв: 'освобождён(а)',
  зач: 'зачёт',
  незач: 'незачёт',
  'н/а': 'не аттестован(а)',
};

/**
 * Formats a 'YYYY-MM-DD' calendar date the Russian way: «3 декабря 2026». Node's ICU gives the
 * genitive month too but appends « г.», so the month names come from a fixed table.
 */
export function formatDateRu(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (match === null || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`Invalid date ${JSON.stringify(isoDate)}: expected an existing YYYY-MM-DD calendar date`);
  }
  return `${day} ${GENITIVE_MONTHS[month - 1]} ${match[1]}`;
}

/**
 * Formats a reporting period: «2 четверть 2026/2027», «1 полугодие 2026/2027», «год 2026/2027».
 * A quarter, trimester or half-year needs its number, while a number given for the year is ignored.
 */
export function formatPeriod(period: ReportingPeriod): string {
  if (period.kind === 'year') {
    return `${PERIOD_NAMES.year} ${period.schoolYear}`;
  }
  const count = PERIOD_COUNT[period.kind];
  if (period.number === undefined || !Number.isInteger(period.number) || period.number < 1 || period.number > count) {
    throw new RangeError(`Invalid ${period.kind} number ${period.number}: expected a whole number from 1 to ${count}`);
  }
  return `${period.number} ${PERIOD_NAMES[period.kind]} ${period.schoolYear}`;
}

/** Formats a mark for a parent: digits for the five-point scale, words for the e-journal codes. */
export function formatMarkValue(value: MarkValue): string {
  return typeof value === 'number' ? String(value) : MARK_CODE_WORDS[value];
}

/**
 * Returns the name to greet a guardian by: first name and patronymic when the full name has
 * three parts («Иванова Мария Петровна» → «Мария Петровна»), otherwise the whole name.
 */
export function greetingName(fullName: string): string {
  const parts = fullName.trim().split(/\s+/u);
  return parts.length === 3 ? `${parts[1]} ${parts[2]}` : parts.join(' ');
}

/**
 * Picks the Russian noun form that agrees with `count`: one (1, 21), few (2–4, 22–24) or many
 * (0, 5–20). A fractional count takes the few form, as in «4,5 балла».
 */
export function pluralRu(count: number, forms: readonly [one: string, few: string, many: string]): string {
  if (!Number.isInteger(count)) {
    return forms[1];
  }
  const lastTwo = Math.abs(count) % 100;
  const last = lastTwo % 10;
  if (last === 1 && lastTwo !== 11) {
    return forms[0];
  }
  if (last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14)) {
    return forms[1];
  }
  return forms[2];
}

/** Formats a number with a decimal comma: 4.5 → «4,5». */
export function formatNumberRu(value: number): string {
  return String(value).replace('.', ',');
}
