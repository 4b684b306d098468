/**
 * Every collection the site has, defined once. The schemas are the content model in src/domain/model;
 * the loaders fill them from the validated ContentSet (content/ by default, Sanity with CONTENT_SOURCE=sanity).
 */
import { defineCollection } from 'astro:content';
import { z } from 'zod';
import {
  articleSchema,
  audienceSchema,
  eventSchema,
  familySchema,
  healthDaySchema,
  localeSchema,
  quizSchema,
  siteSettingsSchema,
  topicSchema,
} from '@hc/domain/model/index.ts';
import {
  articlesLoader,
  articleTextsLoader,
  audiencesLoader,
  eventsLoader,
  familiesLoader,
  familyTextsLoader,
  healthDaysLoader,
  quizzesLoader,
  siteSettingsLoader,
  topicsLoader,
} from './content/loaders/astro.ts';

/** A document's text in one locale, and how it was obtained. */
const localizedText = z.object({
  slug: z.string(),
  locale: localeSchema,
  textLocale: localeSchema,
  textKind: z.enum(['original', 'human', 'converted', 'fallback']),
  title: z.string(),
  summary: z.string(),
  translator: z.string().optional(),
  headings: z.array(z.object({ depth: z.number(), slug: z.string(), text: z.string() })),
});

export const collections = {
  audiences: defineCollection({ loader: audiencesLoader, schema: audienceSchema }),
  topics: defineCollection({ loader: topicsLoader, schema: topicSchema }),
  articles: defineCollection({ loader: articlesLoader, schema: articleSchema }),
  articleTexts: defineCollection({ loader: articleTextsLoader, schema: localizedText }),
  events: defineCollection({ loader: eventsLoader, schema: eventSchema }),
  healthDays: defineCollection({ loader: healthDaysLoader, schema: healthDaySchema }),
  families: defineCollection({ loader: familiesLoader, schema: familySchema }),
  familyTexts: defineCollection({
    loader: familyTextsLoader,
    schema: localizedText.extend({ members: z.string(), habits: z.array(z.string()), awardTitle: z.string() }),
  }),
  quizzes: defineCollection({ loader: quizzesLoader, schema: quizSchema }),
  siteSettings: defineCollection({ loader: siteSettingsLoader, schema: siteSettingsSchema }),
};
