/**
 * What each kind of page contributes to the search index, in one locale. Pure: the site feeds it from the
 * content collections (src/build/search-index.ts), the benchmark straight from a content folder.
 */
import type { Article } from '@hc/domain/model/article.ts';
import type { Audience } from '@hc/domain/model/audience.ts';
import type { Locale } from '@hc/domain/model/common.ts';
import type { HealthEvent } from '@hc/domain/model/event.ts';
import type { Family } from '@hc/domain/model/family.ts';
import type { Quiz } from '@hc/domain/model/quiz.ts';
import type { Topic } from '@hc/domain/model/topic.ts';
import { pick } from '../../i18n/locales.ts';
import type { TranslatedLocale } from '@hc/domain/locales/registry.ts';
import { eventText } from '../localize/event.ts';
import { localizeQuiz } from '../quiz/localize.ts';
import { nextOccurrences } from '@hc/domain/calendar/occurrences.ts';
import { resolveText } from '../localize/resolve.ts';
import type { SourceDoc } from './types.ts';

/** Markdown to the words a reader sees (headings, list markers, emphasis, link targets and tables' rules dropped). */
export function markdownText(md: string): string {
  return md
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]*>/g, ' ')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/^\s*\|?[\s:|-]+\|[\s:|-]*$/gm, ' ')
    .replace(/[*_`|~]+/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

/** An article's body (Markdown) as the locale's reader gets it: human translation, converted or the original. */
export function articleBody(a: Article, locale: Locale): string {
  const human: Partial<Record<TranslatedLocale, { body: string }>> = {};
  for (const [loc, t] of Object.entries(a.translations ?? {}) as Array<
    [TranslatedLocale, { body?: string } | undefined]
  >) {
    if (t?.body) human[loc] = { body: t.body };
  }
  return resolveText(locale, { body: a.body }, human).value.body;
}

/**
 * How an event ranks by date: soon (within 92 days) highest, later a little lower, over or cancelled lowest.
 * The site rebuilds daily, so "now" is the build's.
 */
export function eventBoost(e: HealthEvent, now: Date): { boost: number; next?: string } {
  if (e.status === 'cancelled') return { boost: 0.4 };
  const [next] = nextOccurrences(e, now, 1);
  if (!next) return { boost: 0.5 };
  const days = (next.startInstant.getTime() - now.getTime()) / 86400_000;
  return { boost: days <= 92 ? 1 : 0.9, next: next.start.slice(0, 10) };
}

export interface DocsInput {
  articles: Article[];
  /** Each article's text in the locale, by slug. */
  articleTexts: Map<string, { title: string; summary: string; headings: Array<{ depth: number; text: string }> }>;
  events: HealthEvent[];
  families: Family[];
  familyTexts: Map<string, { title: string; summary: string; habits: string[] }>;
  quizzes: Quiz[];
  audiences: Audience[];
  topics: Topic[];
  /** Each article's body (Markdown) in the locale, by slug: indexed as full text. */
  articleBodies?: Map<string, string>;
  /** Event type names in the locale (lecture → 健康讲座). */
  eventTypes?: Record<string, string>;
  /** The build's "now", for ranking upcoming events above past ones. */
  now?: Date;
}

export function searchDocs(
  locale: Locale,
  input: DocsInput,
): { docs: SourceDoc[]; audiences: Record<string, string>; topics: Record<string, string> } {
  const docs: SourceDoc[] = [];
  for (const a of input.articles) {
    const t = input.articleTexts.get(a.slug);
    if (!t) continue;
    docs.push({
      type: 'article',
      id: a.slug,
      title: t.title,
      originalTitle: a.title,
      summary: t.summary,
      headings: t.headings.filter((h) => h.depth <= 3).map((h) => h.text),
      keywords: [...a.keywords, ...a.aliases],
      audiences: a.audiences,
      topics: a.topics,
      body: markdownText(input.articleBodies?.get(a.slug) ?? articleBody(a, locale)),
    });
  }
  for (const e of input.events) {
    const t = eventText(e, locale);
    const { boost, next } = input.now ? eventBoost(e, input.now) : { boost: 1, next: undefined };
    docs.push({
      type: 'event',
      id: e.slug,
      title: t.title,
      originalTitle: e.title,
      summary: t.summary,
      headings: [],
      keywords: [],
      audiences: e.audiences,
      topics: e.topics,
      body: markdownText(t.description),
      names: [input.eventTypes?.[e.type] ?? '', e.location.name].filter(Boolean),
      boost,
      note: next,
    });
  }
  for (const f of input.families) {
    const t = input.familyTexts.get(f.slug);
    if (!t) continue;
    docs.push({
      type: 'family',
      id: f.slug,
      title: t.title,
      originalTitle: f.displayName,
      summary: t.summary,
      headings: t.habits,
      keywords: [...f.habits, f.award.title],
      audiences: [],
      topics: [],
      body: markdownText(f.story),
      boost: 0.8,
    });
  }
  for (const q of input.quizzes) {
    const l = localizeQuiz(q, locale);
    docs.push({
      type: 'quiz',
      id: q.slug,
      title: l.title,
      originalTitle: q.title,
      summary: l.textLocale === 'zh-hans' ? q.summary : l.intro,
      headings: [],
      keywords: [],
      audiences: q.audiences,
      topics: q.topics,
      body: l.intro,
      boost: 0.9,
    });
  }
  for (const a of input.audiences) {
    docs.push({
      type: 'hub',
      id: `audiences/${a.id}`,
      title: pick(a.name, locale),
      originalTitle: a.name['zh-hans'],
      summary: pick(a.description, locale),
      headings: [],
      keywords: [],
      audiences: [a.id],
      topics: [],
      boost: 0.6,
    });
  }
  for (const x of input.topics) {
    docs.push({
      type: 'hub',
      id: `topics/${x.id}`,
      title: pick(x.name, locale),
      originalTitle: x.name['zh-hans'],
      summary: pick(x.description, locale),
      headings: [],
      keywords: [],
      audiences: [],
      topics: [x.id],
      boost: 0.6,
    });
  }
  return {
    docs,
    audiences: Object.fromEntries(input.audiences.map((a) => [a.id, pick(a.name, locale)])),
    topics: Object.fromEntries(input.topics.map((x) => [x.id, pick(x.name, locale)])),
  };
}
