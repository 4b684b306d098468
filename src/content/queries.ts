/**
 * The few ways pages read content. Thin wrappers over astro:content so pages stay short and consistent.
 */
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { localePath, pick, type Locale } from '../i18n/locales.ts';
import { occurrencesBetween, upcoming, type Occurrence } from '@hc/domain/calendar/occurrences.ts';
import { addMonths, observancesBetween } from '@hc/domain/calendar/month.ts';
import { EVENT_TYPES } from '@hc/domain/model/event.ts';
import { zonedToInstant } from '@hc/domain/calendar/zoned.ts';
import { addDays, buildNow, localDate, SITE_TIME_ZONE } from '@hc/domain/time.ts';
import { localizeString, langFor } from '../lib/localize/resolve.ts';
import { related } from '@hc/domain/articles/related.ts';
import { publishedFamilies } from './loaders/astro.ts';
import { getContentSet } from './loaders/source.ts';

export type ArticleText = CollectionEntry<'articleTexts'>;

/**
 * Memoised per build: content does not change during a static build, and pages would otherwise re-read and
 * re-filter whole collections once per page (quadratic in the number of articles). Not in dev, where it does.
 */
function once<A extends unknown[], V>(load: (...args: A) => Promise<V>): (...args: A) => Promise<V> {
  if (import.meta.env?.DEV) return load;
  const memo = new Map<string, Promise<V>>();
  return (...args) => {
    const key = JSON.stringify(args);
    let hit = memo.get(key);
    if (!hit) memo.set(key, (hit = load(...args)));
    return hit;
  };
}

/**
 * Whether a collection a centre may leave empty (families, self-checks) has entries. Astro warns on every read
 * of an empty collection, so a centre without families would see a warning per page that reads them; the
 * content set (already loaded and validated) answers first.
 */
async function hasEntries(name: 'families' | 'quizzes'): Promise<boolean> {
  const set = await getContentSet();
  return (name === 'families' ? publishedFamilies(set) : set.quizzes).length > 0;
}

const byOrder = <T extends { data: { order: number } }>(a: T, b: T) => a.data.order - b.data.order;

export const getSite = once(async () => {
  const entry = await getEntry('siteSettings', 'site');
  if (!entry) throw new Error('site settings are missing');
  return entry.data;
});

export const getAudiences = once(async () => {
  return (await getCollection('audiences')).sort(byOrder).map((e) => e.data);
});

export const getTopics = once(async () => {
  return (await getCollection('topics')).sort(byOrder).map((e) => e.data);
});

/** A link to an audience or topic hub, named in the reader's locale (topics drawn in the accent colour). */
export interface TagLink {
  href: string;
  label: string;
  accent: boolean;
}

/** The hub links for an entry's audiences and topics, in that order; unknown ids were refused by the loader. */
export const getTaxonomyTags = once(async (locale: Locale) => {
  const audiences = new Map((await getAudiences()).map((a) => [a.id, pick(a.name, locale)]));
  const topics = new Map((await getTopics()).map((x) => [x.id, pick(x.name, locale)]));
  const links = (ids: readonly string[], names: Map<string, string>, dir: string, accent: boolean): TagLink[] =>
    ids.map((id) => ({ href: localePath(locale, `/${dir}/${id}/`), label: names.get(id) ?? id, accent }));
  return (audienceIds: readonly string[], topicIds: readonly string[] = []): TagLink[] => [
    ...links(audienceIds, audiences, 'audiences', false),
    ...links(topicIds, topics, 'topics', true),
  ];
});

export const getArticles = once(async () => {
  return (await getCollection('articles')).map((e) => e.data);
});

/** An article's text in a locale (human, converted or fallback), with its rendered HTML. */
export async function getArticleText(locale: Locale, slug: string): Promise<ArticleText> {
  const entry = await getEntry('articleTexts', `${locale}/${slug}`);
  if (!entry) throw new Error(`no ${locale} text for article ${slug}`);
  return entry;
}

/** Title and summary of every article in a locale, keyed by slug. */
export const getArticleTexts: (locale: Locale) => Promise<Map<string, ArticleText['data']>> = once(
  async (locale: Locale) => {
    const list = await getCollection('articleTexts', (e) => e.data.locale === locale);
    return new Map(list.map((e) => [e.data.slug, e.data]));
  },
);

/** An article as lists show it in one locale: its text (or fallback, with lang) and its audiences' names. */
export interface ArticleCardView {
  slug: string;
  title: string;
  summary: string;
  /** lang of title and summary when they are not in the page's language. */
  lang?: string;
  audiences: Array<{ id: string; name: string; lang?: string }>;
}

/** Every article's card in a locale, by slug: the one lookup every list uses. */
export const getArticleCards: (locale: Locale) => Promise<Map<string, ArticleCardView>> = once(
  async (locale: Locale) => {
    const [articles, texts, audiences] = await Promise.all([getArticles(), getArticleTexts(locale), getAudiences()]);
    const names = new Map(
      audiences.map((a) => {
        const n = localizeString(a.name, locale);
        return [a.id, { id: a.id, name: n.text, lang: n.lang }];
      }),
    );
    return new Map(
      articles.map((a) => {
        const text = texts.get(a.slug)!;
        return [
          a.slug,
          {
            slug: a.slug,
            title: text.title,
            summary: text.summary,
            lang: langFor(locale, text.textLocale),
            audiences: a.audiences.flatMap((id) => names.get(id) ?? []),
          },
        ];
      }),
    );
  },
);

/** An article's related reading: the same in every locale, so worked out once per article, not once per page. */
export const getRelatedArticles = once(async (slug: string) => {
  const articles = await getArticles();
  const article = articles.find((a) => a.slug === slug);
  return article ? related(article, articles) : [];
});

export const getEvents = once(async () => {
  return (await getCollection('events')).map((e) => e.data);
});

export const getFamilies = once(async () => {
  if (!(await hasEntries('families'))) return [];
  return (await getCollection('families'))
    .map((e) => e.data)
    .sort((a, b) => b.award.year - a.award.year || a.slug.localeCompare(b.slug));
});

export async function getFamilyText(locale: Locale, slug: string) {
  const entry = await getEntry('familyTexts', `${locale}/${slug}`);
  if (!entry) throw new Error(`no ${locale} text for family ${slug}`);
  return entry;
}

export const getFamilyTexts = once(async (locale: Locale) => {
  if (!(await hasEntries('families'))) return new Map();
  const list = await getCollection('familyTexts', (e) => e.data.locale === locale);
  return new Map(list.map((e) => [e.data.slug, e.data]));
});

/** "Now" for this build, and today's date in the community's zone. */
export function now(): { instant: Date; today: string } {
  const instant = buildNow();
  return { instant, today: localDate(instant) };
}

/** Occurrences in the next `days` days, every event. */
export const upcomingOccurrences = once(async (days: number = 92): Promise<Occurrence[]> => {
  return upcoming(await getEvents(), now().instant, days);
});

export const getQuizzes = once(async () => {
  if (!(await hasEntries('quizzes'))) return [];
  return (await getCollection('quizzes')).map((e) => e.data).sort((a, b) => a.slug.localeCompare(b.slug));
});

export const getHealthDays = once(async () => {
  return (await getCollection('healthDays')).map((e) => e.data).sort((a, b) => a.id.localeCompare(b.id));
});

/** Occurrences of every event starting in a month ("2026-11"), in the community's zone. */
export const monthOccurrences = once(async (month: string): Promise<Occurrence[]> => {
  const from = zonedToInstant(`${month}-01T00:00`, SITE_TIME_ZONE);
  const to = zonedToInstant(`${addMonths(month, 1)}-01T00:00`, SITE_TIME_ZONE);
  return (await getEvents())
    .flatMap((e) => occurrencesBetween(e, from, to))
    .filter((o) => o.startInstant >= from)
    .sort((a, b) => a.startInstant.getTime() - b.startInstant.getTime() || a.slug.localeCompare(b.slug));
});

/** Occurrences that have ended by now, newest first, going back `days` days. */
export const pastOccurrences = once(async (days: number = 400): Promise<Occurrence[]> => {
  const { instant } = now();
  const from = new Date(instant.getTime() - days * 86400_000);
  return (await getEvents())
    .flatMap((e) => occurrencesBetween(e, from, instant))
    .filter((o) => o.endInstant <= instant)
    .sort((a, b) => b.startInstant.getTime() - a.startInstant.getTime() || a.slug.localeCompare(b.slug));
});

/** Everything the events list and its filter pages show: the next `days` days, observances included. */
export const eventListData = once(async (days: number = 92) => {
  const [events, occurrences, healthDays, allAudiences, allTopics] = await Promise.all([
    getEvents(),
    upcomingOccurrences(days),
    getHealthDays(),
    getAudiences(),
    getTopics(),
  ]);
  const { today } = now();
  const observances = observancesBetween(healthDays, today, addDays(today, days));
  // Today's occurrences that have already ended: the list then says today's events are over, not that there were none.
  const endedToday = (await pastOccurrences(1)).filter((o) => o.start.slice(0, 10) === today).length;
  // Offer only the filters some event uses, in taxonomy order.
  const audiences = allAudiences.filter((a) => events.some((e) => e.audiences.includes(a.id)));
  const topics = allTopics.filter((x) => events.some((e) => e.topics.includes(x.id)));
  const types = EVENT_TYPES.filter((type) => events.some((e) => e.type === type));
  return { events, occurrences, observances, audiences, topics, allTopics, types, today, endedToday };
});
