/** Russian word forms for 1, 2–4 and 5 or more, e.g. ['запись', 'записи', 'записей']. */
export type PluralFormsRu = readonly [one: string, few: string, many: string];

/**
 * Picks the Russian plural form for `count`: «1 запись», «3 записи», «11 записей»,
 * «21 запись». Numbers ending in 11–14 always take the third form.
 */
export function pluralRu(count: number, forms: PluralFormsRu): string {
  const lastTwo = Math.abs(count) % 100;
  const last = lastTwo % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return forms[2];
  if (last === 1) return forms[0];
  if (last >= 2 && last <= 4) return forms[1];
  return forms[2];
}

/** Writes a count with its noun in the right form, e.g. «4 домашних задания». */
export function countRu(count: number, forms: PluralFormsRu): string {
  return `${count} ${pluralRu(count, forms)}`;
}

/** Nouns the demo output counts, in the nominative case unless the name says otherwise. */
export const NOUNS_RU = {
  student: ['ученик', 'ученика', 'учеников'],
  guardian: ['представитель', 'представителя', 'представителей'],
  guardianGenitive: ['представителя', 'представителей', 'представителей'],
  guardianDative: ['представителю', 'представителям', 'представителям'],
  mark: ['отметка', 'отметки', 'отметок'],
  finalGrade: ['итоговая отметка', 'итоговые отметки', 'итоговых отметок'],
  homework: ['домашнее задание', 'домашних задания', 'домашних заданий'],
  record: ['запись', 'записи', 'записей'],
  message: ['сообщение', 'сообщения', 'сообщений'],
  extract: ['бумажная выписка', 'бумажные выписки', 'бумажных выписок'],
  result: ['результат', 'результата', 'результатов'],
  day: ['день', 'дня', 'дней'],
  hour: ['час', 'часа', 'часов'],
} as const satisfies Record<string, PluralFormsRu>;
