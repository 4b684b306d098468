import { z } from 'zod';
import { idSchema, localizedStringSchema } from './common.ts';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** An observance day (宣传日). Fixed Gregorian dates, or a day of the Chinese lunar calendar (重阳节). */
export const healthDaySchema = z.strictObject({
  id: idSchema,
  name: localizedStringSchema,
  rule: z.discriminatedUnion('calendar', [
    z
      .strictObject({
        calendar: z.literal('gregorian'),
        month: z.number().int().min(1).max(12),
        day: z.number().int().min(1).max(31),
        /** Length in days for a week or period (e.g. 7 for a 宣传周). */
        days: z.number().int().min(1).max(31).default(1),
      })
      .superRefine((r, ctx) => {
        // A date that does not exist would silently never appear in the calendar. 2 月 29 日 exists only in
        // leap years, so it would be missing three years in four: refused too.
        const max = DAYS_IN_MONTH[r.month - 1] ?? 31;
        if (r.day > max) {
          ctx.addIssue({
            code: 'custom',
            path: ['day'],
            message:
              r.month === 2 && r.day === 29
                ? '2 月 29 日 exists only in leap years, so the day would be missing three years in four; choose 2 月 28 日 or 3 月 1 日'
                : `${r.month} 月 ${r.day} 日 does not exist (${r.month} 月 has ${max} days)`,
          });
        }
      }),
    z.strictObject({
      calendar: z.literal('chinese'),
      month: z.number().int().min(1).max(12),
      day: z.number().int().min(1).max(30),
      days: z.number().int().min(1).max(31).default(1),
    }),
  ]),
  topics: z.array(idSchema).default([]),
  audiences: z.array(idSchema).default([]),
});
export type HealthDay = z.infer<typeof healthDaySchema>;
