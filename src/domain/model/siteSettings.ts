import { z } from 'zod';
import { localeSchema, localizedStringSchema, phoneSchema } from './common.ts';

export const siteSettingsSchema = z.strictObject({
  communityName: localizedStringSchema,
  centreName: localizedStringSchema,
  tagline: localizedStringSchema,
  contact: z.strictObject({
    phone: phoneSchema,
    address: localizedStringSchema,
    hours: localizedStringSchema,
  }),
  emergency: z
    .array(z.strictObject({ number: z.string().regex(/^\d{3,5}$/), label: localizedStringSchema }))
    .min(1)
    .refine(
      (list) => ['120', '110', '119'].every((n) => list.some((e) => e.number === n)),
      'emergency numbers must include 120, 110 and 119',
    ),
  defaultLocale: localeSchema.default('zh-hans'),
  /** Shown in the footer while the site carries sample content. */
  sampleNotice: localizedStringSchema.optional(),
});
export type SiteSettings = z.infer<typeof siteSettingsSchema>;
