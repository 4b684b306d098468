import { z } from 'zod';
import { idSchema, imageSchema, localDateTimeSchema, summaryFor, summarySchema } from './common.ts';

export const EVENT_TYPES = [
  'lecture', 'clinic', 'screening', 'exercise', 'training', 'festival', 'vaccination', 'tcm', 'other',
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

const eventTranslationFor = (locale: string) =>
  z.strictObject({
    title: z.string().trim().min(1),
    summary: summaryFor(locale),
    description: z.string().optional(),
  });

export const eventSchema = z
  .object({
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
    rrule: z.string().regex(/^FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)(;[A-Z]+=[^;]+)*$/, 'must be an RRULE such as FREQ=WEEKLY;BYDAY=TU').optional(),
    /** Local starts of occurrences that do not take place (EXDATE). */
    exceptions: z.array(localDateTimeSchema).default([]),
    overrides: z.array(occurrenceOverrideSchema).default([]),
    location: locationSchema,
    organiser: z.string().trim().min(1),
    audiences: z.array(idSchema).min(1),
    topics: z.array(idSchema).default([]),
    signUp: z.strictObject({
      how: z.enum(['none', 'walk-in', 'phone', 'wechat', 'url']),
      phone: z.string().optional(),
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
    translations: z
      .object({
        'zh-hant': eventTranslationFor('zh-hant').optional(),
        yue: eventTranslationFor('yue').optional(),
        en: eventTranslationFor('en').optional(),
      })
      .default({}),
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
        ctx.addIssue({ code: 'custom', path: ['overrides', i, 'end'], message: 'moved occurrence ends before it starts' });
      }
    });
  });
export type HealthEvent = z.infer<typeof eventSchema>;
