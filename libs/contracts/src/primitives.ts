import { z } from 'zod';

/** Calendar date without time, as the e-journal sends it: YYYY-MM-DD. */
export const isoDateSchema = z.iso.date();

/** Moment with an explicit offset, e.g. 2026-12-04T09:30:00+03:00. */
export const isoDateTimeSchema = z.iso.datetime({ offset: true });

/** Identifier assigned by the e-journal or by one of our services. */
export const entityIdSchema = z.string().trim().min(1).max(128);

/** Numeric marks of the Russian five-point scale. */
export const numericMarkSchema = z.number().int().min(1).max(5);

/**
 * Non-numeric mark codes of the e-journal: н (absent), осв (exempt), зач (pass),
 * незач (fail), н/а (not assessed).
 */
export const MARK_CODES = ['н', 'осв', 'зач', 'незач', 'н/а'] as const;
export const markCodeSchema = z.enum(MARK_CODES);

export const markValueSchema = z.union([numericMarkSchema, markCodeSchema]);
export type MarkValue = z.infer<typeof markValueSchema>;

export const CHANNELS = ['email', 'sms', 'paper'] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;
