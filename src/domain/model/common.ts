/**
 * Shared building blocks of the content model. Every document type in this
 * folder is a Zod schema describing what the pages consume, whichever source
 * (git content/ or Sanity) the entry came from.
 */
import { z } from 'zod';
import { LOCALES, registry, TRANSLATED_LOCALES, type Locale, type TranslatedLocale } from '../locales/registry.ts';
import { checkMarkdown, isAllowedImageUrl } from '../markdown/check.ts';
import { DATE_PATTERN, ID_PATTERN, LOCAL_DATE_TIME_PATTERN, PHONE_PATTERN } from './patterns.ts';

export type { Locale, TranslatedLocale };
export const localeSchema = z.enum(LOCALES);

/**
 * `translations: { <locale>: schema }` for every translated locale of the registry, each optional.
 * `make` gets the locale's registry entry, for per-locale limits (summary and title lengths).
 */
export function translationsSchema<S extends z.ZodType>(make: (locale: TranslatedLocale) => S) {
  const schemas = perTranslatedLocale(make);
  return z.strictObject(
    Object.fromEntries(TRANSLATED_LOCALES.map((l) => [l, schemas[l].optional()])) as Record<
      TranslatedLocale,
      z.ZodOptional<S>
    >,
  );
}

/** One schema per translated locale (the local loader checks each translation file against its locale's). */
export function perTranslatedLocale<S>(make: (locale: TranslatedLocale) => S): Record<TranslatedLocale, S> {
  return Object.fromEntries(TRANSLATED_LOCALES.map((l) => [l, make(l)])) as Record<TranslatedLocale, S>;
}

/** A slug or id: lower-case ASCII words joined by hyphens. */
export const idSchema = z
  .string()
  .regex(ID_PATTERN, 'must be lower-case letters, digits and hyphens (e.g. "home-blood-pressure")');

/** A calendar date written as YYYY-MM-DD that really exists. */
export const dateSchema = z
  .string()
  .regex(DATE_PATTERN, { message: 'must be a date written as YYYY-MM-DD', abort: true })
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number);
    const dt = new Date(Date.UTC(y, m - 1, d));
    return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
  }, 'is not a real calendar date');

/** A wall-clock date and time (no offset) written as YYYY-MM-DDTHH:mm; the zone is given separately. */
export const localDateTimeSchema = z
  .string()
  .regex(LOCAL_DATE_TIME_PATTERN, { message: 'must be a local date and time written as YYYY-MM-DDTHH:mm', abort: true })
  .refine((s) => {
    const [date, time] = s.split('T');
    const [y, m, d] = date.split('-').map(Number);
    const [hh, mm] = time.split(':').map(Number);
    const dt = new Date(Date.UTC(y, m - 1, d, hh, mm));
    return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d && hh < 24 && mm < 60;
  }, 'is not a real date and time');

/** A string given per locale; Simplified Chinese is always required. */
export const localizedStringSchema = z.strictObject({
  [registry.source]: z.string().min(1),
  ...translationsSchema(() => z.string().min(1)).shape,
} as { [registry.source]: z.ZodString } & Record<TranslatedLocale, z.ZodOptional<z.ZodString>>);
export type LocalizedString = z.infer<typeof localizedStringSchema>;

/** A telephone number readers call or tap (PHONE_PATTERN): a typo such as a letter O for a zero is refused. */
export const phoneSchema = z
  .string()
  .trim()
  .regex(
    PHONE_PATTERN,
    'must be a phone number: digits, with spaces, - or brackets, and an extension after 转 (e.g. 010-8765-4321 转 8021)',
  );

/**
 * An image with required alternative text. `src` is relative to content/ (e.g. media/x.jpg), or an image
 * uploaded in Sanity on its CDN; pages block images from any other site (their CSP), so none is accepted.
 */
export const imageSchema = z.strictObject({
  src: z
    .string()
    .min(1)
    .refine(
      isAllowedImageUrl,
      'must be a file under content/ (e.g. media/families/x.jpg) or uploaded in Sanity Studio; pages block images from other sites',
    ),
  alt: z.string().trim().min(1, 'every image needs alt text'),
  credit: z.string().optional(),
  license: z.string().optional(),
});
export type ContentImage = z.infer<typeof imageSchema>;

/** Characters at most for a summary (one or two plain sentences): Chinese, and English words take more letters. */
export const SUMMARY_MAX = registry.info[registry.source].summaryMax;
const summaryOf = (max: number) =>
  z.string().trim().min(1).max(max, `summary must be one or two sentences (${max} characters at most)`);
export const summarySchema = summaryOf(SUMMARY_MAX);
/** The summary rule for a locale (its registry entry's summaryMax). */
export const summaryFor = (locale: Locale) => summaryOf(registry.info[locale].summaryMax);

/**
 * Markdown body: no raw HTML, and links and images only with allowed URL schemes (src/domain/markdown/check.ts).
 * Each issue carries the body line in `params.line`; the content/ loader turns it into the file's line.
 */
export const markdownSchema = z.string().superRefine((s, ctx) => {
  for (const p of checkMarkdown(s)) ctx.addIssue({ code: 'custom', message: p.message, params: { line: p.line } });
});
