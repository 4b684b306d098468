import { z } from 'zod';
import {
  dateSchema,
  idSchema,
  imageSchema,
  markdownSchema,
  perTranslatedLocale,
  summaryFor,
  summarySchema,
  translationsSchema,
  type TranslatedLocale,
} from './common.ts';

const familyTranslationFor = (locale: TranslatedLocale) =>
  z.strictObject({
    displayName: z.string().trim().min(1),
    members: z.string().trim().min(1),
    summary: summaryFor(locale),
    story: markdownSchema,
    habits: z.array(z.string().min(1)).optional(),
    awardTitle: z.string().optional(),
  });
export const familyTranslationSchemas = perTranslatedLocale(familyTranslationFor);

/**
 * 健康家庭: a model family or person. Only a surname or chosen name, never full personal data.
 * No recorded consent, no publication: consent is required, and `hidden` removes the entry everywhere.
 */
export const familySchema = z.strictObject({
  slug: idSchema,
  displayName: z.string().trim().min(1).max(30),
  /** Who is in the family, in words (e.g. 祖孙三代五口人). */
  members: z.string().trim().min(1),
  summary: summarySchema,
  story: markdownSchema.refine((s) => s.trim().length > 0, 'the story is empty'),
  photos: z.array(imageSchema).default([]),
  habits: z.array(z.string().trim().min(1)).min(1),
  award: z.strictObject({ title: z.string().trim().min(1), year: z.number().int().min(2000).max(2100) }),
  building: z.string().trim().min(1),
  consent: z.strictObject(
    { recordedAt: dateSchema, by: z.string().trim().min(1) },
    { error: 'a family is published only with recorded consent {recordedAt, by}' },
  ),
  hidden: z.boolean().default(false),
  /** Sample content says so on the page. */
  fictional: z.boolean().default(false),
  audiences: z.array(idSchema).default([]),
  topics: z.array(idSchema).default([]),
  translations: translationsSchema((l) => familyTranslationSchemas[l]).default({}),
});
export type Family = z.infer<typeof familySchema>;
