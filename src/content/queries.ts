/**
 * The few ways pages read content. Thin wrappers over astro:content so pages stay short and consistent.
 */
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import type { Locale } from '../i18n/locales.ts';
import { upcoming, type Occurrence } from '../lib/calendar/occurrences.ts';
import { buildNow, localDate } from '../lib/time.ts';

export type ArticleEntry = CollectionEntry<'articles'>;
export type ArticleText = CollectionEntry<'articleTexts'>;

const byOrder = <T extends { data: { order: number } }>(a: T, b: T) => a.data.order - b.data.order;

export async function getSite() {
  const entry = await getEntry('siteSettings', 'site');
  if (!entry) throw new Error('site settings are missing');
  return entry.data;
}

export async function getAudiences() {
  return (await getCollection('audiences')).sort(byOrder).map((e) => e.data);
}

export async function getTopics() {
  return (await getCollection('topics')).sort(byOrder).map((e) => e.data);
}

export async function getArticles() {
  return (await getCollection('articles')).map((e) => e.data);
}

/** An article's text in a locale (human, converted or fallback), with its rendered HTML. */
export async function getArticleText(locale: Locale, slug: string): Promise<ArticleText> {
  const entry = await getEntry('articleTexts', `${locale}/${slug}`);
  if (!entry) throw new Error(`no ${locale} text for article ${slug}`);
  return entry;
}

/** Title and summary of every article in a locale, keyed by slug. */
export async function getArticleTexts(locale: Locale): Promise<Map<string, ArticleText['data']>> {
  const list = await getCollection('articleTexts', (e) => e.data.locale === locale);
  return new Map(list.map((e) => [e.data.slug, e.data]));
}

export async function getEvents() {
  return (await getCollection('events')).map((e) => e.data);
}

export async function getFamilies() {
  return (await getCollection('families')).map((e) => e.data).sort((a, b) => b.award.year - a.award.year || a.slug.localeCompare(b.slug));
}

export async function getFamilyText(locale: Locale, slug: string) {
  const entry = await getEntry('familyTexts', `${locale}/${slug}`);
  if (!entry) throw new Error(`no ${locale} text for family ${slug}`);
  return entry;
}

export async function getFamilyTexts(locale: Locale) {
  const list = await getCollection('familyTexts', (e) => e.data.locale === locale);
  return new Map(list.map((e) => [e.data.slug, e.data]));
}

/** "Now" for this build, and today's date in the community's zone. */
export function now(): { instant: Date; today: string } {
  const instant = buildNow();
  return { instant, today: localDate(instant) };
}

/** Occurrences in the next `days` days, every event. */
export async function upcomingOccurrences(days = 92): Promise<Occurrence[]> {
  return upcoming(await getEvents(), now().instant, days);
}

export async function getQuizzes() {
  return (await getCollection('quizzes')).map((e) => e.data).sort((a, b) => a.slug.localeCompare(b.slug));
}
