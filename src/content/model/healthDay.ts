import { z } from 'zod';
import { idSchema, localizedStringSchema } from './common.ts';

/** An observance day (宣传日). Fixed Gregorian dates, or a day of the Chinese lunar calendar (重阳节). */
export const healthDaySchema = z.strictObject({
  id: idSchema,
  name: localizedStringSchema,
  rule: z.discriminatedUnion('calendar', [
    z.strictObject({
      calendar: z.literal('gregorian'),
      month: z.number().int().min(1).max(12),
      day: z.number().int().min(1).max(31),
      /** Length in days for a week or period (e.g. 7 for a 宣传周). */
      days: z.number().int().min(1).max(31).default(1),
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
