import { z } from 'zod';
import {
  idSchema,
  imageSchema,
  localDateTimeSchema,
  phoneSchema,
  summaryFor,
  summarySchema,
  translationsSchema,
  type TranslatedLocale,
} from './common.ts';
import { checkRrule } from '../calendar/rrule-check.ts';
import { seriesStarts } from '../calendar/series.ts';
import { floating } from '../calendar/zoned.ts';

export const EVENT_TYPES = [
  'lecture',
  'clinic',
  'screening',
  'exercise',
  'training',
  'festival',
  'vaccination',
  'tcm',
  'other',
] as const;
export const EVENT_STATUSES = ['scheduled', 'cancelled', 'postponed', 'moved'] as const;

export const locationSchema = z.strictObject({
  name: z.string().trim().min(1),
  address: z.string().trim().min(1),
  geo: z.strictObject({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).optional(),
});
export type EventLocation = z.infer<typeof locationSchema>;

/** A change to one occurrence of a recurring series, keyed by the occurrence's original local start. */
export const occurrenceOverrideSchema = z.strictObject({
  occurrence: localDateTimeSchema,
  status: z.enum(EVENT_STATUSES),
  start: localDateTimeSchema.optional(),
  end: localDateTimeSchema.optional(),
  location: locationSchema.optional(),
  note: z.string().optional(),
});

const eventTranslationFor = (locale: TranslatedLocale) =>
  z.strictObject({
    title: z.string().trim().min(1),
    summary: summaryFor(locale),
    description: z.string().optional(),
  });

export const eventSchema = z
  .strictObject({
    slug: idSchema,
    title: z.string().trim().min(1).max(60),
    summary: summarySchema,
    /** Plain text; blank lines separate paragraphs. */
    description: z.string().trim().min(1),
    type: z.enum(EVENT_TYPES),
    start: localDateTimeSchema,
    end: localDateTimeSchema,
    timeZone: z.string().default('Asia/Shanghai'),
    /** RFC 5545 recurrence rule without DTSTART, e.g. FREQ=WEEKLY;BYDAY=TU;UNTIL=20270228T235959Z */
    rrule: z.string().optional(),
    /** Local starts of occurrences that do not take place (EXDATE). */
    exceptions: z.array(localDateTimeSchema).default([]),
    overrides: z.array(occurrenceOverrideSchema).default([]),
    location: locationSchema,
    organiser: z.string().trim().min(1),
    audiences: z.array(idSchema).min(1),
    topics: z.array(idSchema).default([]),
    signUp: z.strictObject({
      how: z.enum(['none', 'walk-in', 'phone', 'wechat', 'url']),
      phone: phoneSchema.optional(),
      url: z.url().optional(),
      capacity: z.number().int().positive().optional(),
      note: z.string().optional(),
    }),
    accessibility: z.string().optional(),
    volunteersWanted: z.strictObject({ count: z.number().int().positive().optional(), note: z.string() }).optional(),
    status: z.enum(EVENT_STATUSES).default('scheduled'),
    statusNote: z.string().optional(),
    image: imageSchema.optional(),
    /** Raised by editors each time a published event changes (iCalendar SEQUENCE). */
    sequence: z.number().int().min(0).default(0),
    updatedAt: z.string().optional(),
    translations: translationsSchema(eventTranslationFor).default({}),
  })
  .superRefine((e, ctx) => {
    if (e.end <= e.start) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: `event ends (${e.end}) before it starts (${e.start})` });
    }
    try {
      new Intl.DateTimeFormat('en', { timeZone: e.timeZone });
    } catch {
      ctx.addIssue({ code: 'custom', path: ['timeZone'], message: `unknown time zone "${e.timeZone}"` });
    }
    if (e.signUp.how === 'phone' && !e.signUp.phone) {
      ctx.addIssue({ code: 'custom', path: ['signUp', 'phone'], message: 'sign-up by phone needs a phone number' });
    }
    if (e.signUp.how === 'url' && !e.signUp.url) {
      ctx.addIssue({ code: 'custom', path: ['signUp', 'url'], message: 'sign-up by link needs a url' });
    }
    e.overrides.forEach((o, i) => {
      if (o.start && o.end && o.end <= o.start) {
        ctx.addIssue({
          code: 'custom',
          path: ['overrides', i, 'end'],
          message: 'moved occurrence ends before it starts',
        });
      }
    });
    if (e.rrule !== undefined) {
      const problems = checkRrule(e.rrule, e.start);
      for (const message of problems) ctx.addIssue({ code: 'custom', path: ['rrule'], message });
      if (problems.length) return;
    }
    // Every exception and override names an occurrence of the series (its original local start).
    const keys = [...e.exceptions, ...e.overrides.map((o) => o.occurrence)];
    if (keys.length === 0 || e.end <= e.start) return;
    const last = keys.reduce((a, b) => (a > b ? a : b));
    const starts = seriesStarts(e, new Date(floating(last).getTime() + 86400_000));
    const known = new Set(starts);
    const check = (key: string, path: PropertyKey[]) => {
      if (known.has(key)) return;
      const nearest = starts.reduce<string | undefined>(
        (best, s) =>
          best === undefined ||
          Math.abs(floating(s).getTime() - floating(key).getTime()) <
            Math.abs(floating(best).getTime() - floating(key).getTime())
            ? s
            : best,
        undefined,
      );
      ctx.addIssue({
        code: 'custom',
        path,
        message: `${key} is not an occurrence of this event${e.rrule ? '' : ` (it takes place once, at ${e.start})`}${e.rrule && nearest ? ` (nearest occurrence: ${nearest})` : ''}`,
      });
    };
    e.exceptions.forEach((x, i) => check(x, ['exceptions', i]));
    e.overrides.forEach((o, i) => check(o.occurrence, ['overrides', i, 'occurrence']));
  });
export type HealthEvent = z.infer<typeof eventSchema>;
