import { z } from 'zod';
import {
  dateSchema,
  idSchema,
  imageSchema,
  localeSchema,
  markdownSchema,
  perTranslatedLocale,
  summaryFor,
  summarySchema,
  translationsSchema,
  type TranslatedLocale,
} from './common.ts';
import { registry } from '../locales/registry.ts';
import { nextReviewProblem } from './reviewers.ts';

export const reviewerSchema = z.strictObject({
  name: z.string().trim().min(1),
  role: z.string().trim().min(1),
});

export const sourceSchema = z.strictObject({
  /** The id in content/sources.yaml (or the Sanity source document) this citation came from. */
  id: idSchema.optional(),
  title: z.string().trim().min(1),
  publisher: z.string().trim().min(1),
  year: z.number().int().min(1900).max(2100),
  /** The edition in words (e.g. 2024年修订版) when the title carries one. */
  edition: z.string().trim().min(1).optional(),
  url: z.url().optional(),
  /** The part of the source a self-check uses (e.g. 中国糖尿病风险评分表). */
  section: z.string().trim().min(1).optional(),
});
export type Source = z.infer<typeof sourceSchema>;

/** One entry of the shared source list (content/sources.yaml; a `source` document in Sanity). */
export const sourceEntrySchema = sourceSchema.omit({ section: true }).extend({
  id: idSchema,
  /** The day the entry last changed (a new edition, a corrected title): documents reviewed before it are 待复审. */
  updatedAt: dateSchema.optional(),
});
export type SourceEntry = z.infer<typeof sourceEntrySchema>;

/** Dialects and languages an audio track can be in; each is shown by its own name. */
export const DIALECTS = ['cmn', 'yue', 'nan', 'wuu', 'sc', 'hak'] as const;
export const audioTrackSchema = z.strictObject({
  dialect: z.enum(DIALECTS),
  /** Path under content/ (e.g. media/audio/x.ogg). */
  src: z.string().min(1),
  durationSec: z.number().positive(),
  /** The locale whose text the audio reads aloud, if it is a reading of the article. */
  transcriptOf: localeSchema.optional(),
});
export type AudioTrack = z.infer<typeof audioTrackSchema>;

/** A human translation of an article into another locale. */
const translationFor = (locale: TranslatedLocale) =>
  z.strictObject({
    title: z.string().trim().min(1).max(registry.info[locale].titleMax),
    summary: summaryFor(locale),
    body: markdownSchema.refine((s) => s.trim().length > 0, 'translation body is empty'),
    translator: z.string().trim().min(1).optional(),
  });
export const articleTranslationSchemas = perTranslatedLocale(translationFor);
export type ArticleTranslation = z.infer<ReturnType<typeof translationFor>>;

/** An article as written by an editor; the body is Markdown in the original (zh-hans). */
export const articleSchema = z
  .strictObject({
    slug: idSchema,
    title: z.string().trim().min(1).max(60),
    summary: summarySchema,
    body: markdownSchema.refine((s) => s.trim().length > 0, 'article body is empty'),
    audiences: z.array(idSchema).min(1),
    topics: z.array(idSchema).min(1),
    keywords: z.array(z.string().min(1)).default([]),
    /** Dialect words, colloquial names and common misspellings that should find this article. */
    aliases: z.array(z.string().min(1)).default([]),
    hero: imageSchema.optional(),
    audio: z.array(audioTrackSchema).default([]),
    translations: translationsSchema((l) => articleTranslationSchemas[l]).default({}),
    reviewer: reviewerSchema,
    reviewedAt: dateSchema,
    nextReviewDue: dateSchema,
    sources: z.array(sourceSchema).min(1, 'an article needs at least one cited source'),
    updatedAt: dateSchema,
    featured: z.boolean().default(false),
  })
  .superRefine((a, ctx) => {
    const problem = nextReviewProblem(a.reviewedAt, a.nextReviewDue);
    if (problem) ctx.addIssue({ code: 'custom', path: ['nextReviewDue'], message: problem });
  });
export type Article = z.infer<typeof articleSchema>;
