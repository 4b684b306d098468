/**
 * The search index of each locale, built once per build from the content collections (memoised: the index
 * endpoint and the search page both ask for it). The pure work is in src/lib/search/build.ts.
 */
import { LOCALES, localePath, pick, type Locale } from '../i18n/locales.ts';
import { buildIndex, type BuiltIndex } from '../lib/search/build.ts';
import type { SourceDoc } from '../lib/search/types.ts';
import { eventText } from '../lib/localize/event.ts';
import { localizeQuiz } from '../lib/quiz/localize.ts';
import { getArticles, getArticleTexts, getAudiences, getEvents, getFamilies, getFamilyTexts, getQuizzes, getTopics } from './queries.ts';

/** Where the index files are served, per locale: /search-index/<locale>/<hash>.json (locale-independent root). */
export const SEARCH_INDEX_DIR = '/search-index';

async function sourceDocs(locale: Locale): Promise<{ docs: SourceDoc[]; audiences: Record<string, string>; topics: Record<string, string> }> {
  const [articles, texts, events, families, familyTexts, quizzes, audiences, topics] = await Promise.all([
    getArticles(), getArticleTexts(locale), getEvents(), getFamilies(), getFamilyTexts(locale), getQuizzes(), getAudiences(), getTopics(),
  ]);
  const docs: SourceDoc[] = [];
  for (const a of articles) {
    const t = texts.get(a.slug);
    if (!t) continue;
    docs.push({
      type: 'article', id: a.slug, title: t.title, originalTitle: a.title, summary: t.summary,
      headings: t.headings.filter((h) => h.depth <= 3).map((h) => h.text), keywords: [...a.keywords, ...a.aliases],
      audiences: a.audiences, topics: a.topics,
    });
  }
  for (const e of events) {
    const t = eventText(e, locale);
    docs.push({ type: 'event', id: e.slug, title: t.title, originalTitle: e.title, summary: t.summary, headings: [], keywords: [], audiences: e.audiences, topics: e.topics });
  }
  for (const f of families) {
    const t = familyTexts.get(f.slug);
    if (!t) continue;
    docs.push({ type: 'family', id: f.slug, title: t.title, originalTitle: f.displayName, summary: t.summary, headings: t.habits, keywords: [...f.habits, f.award.title], audiences: [], topics: [] });
  }
  for (const q of quizzes) {
    const l = localizeQuiz(q, locale);
    docs.push({ type: 'quiz', id: q.slug, title: l.title, originalTitle: q.title, summary: l.textLocale === 'zh-hans' ? q.summary : l.intro, headings: [], keywords: [], audiences: q.audiences, topics: q.topics });
  }
  for (const a of audiences) {
    docs.push({ type: 'hub', id: `audiences/${a.id}`, title: pick(a.name, locale), originalTitle: a.name['zh-hans'], summary: pick(a.description, locale), headings: [], keywords: [], audiences: [a.id], topics: [] });
  }
  for (const x of topics) {
    docs.push({ type: 'hub', id: `topics/${x.id}`, title: pick(x.name, locale), originalTitle: x.name['zh-hans'], summary: pick(x.description, locale), headings: [], keywords: [], audiences: [], topics: [x.id] });
  }
  return {
    docs,
    audiences: Object.fromEntries(audiences.map((a) => [a.id, pick(a.name, locale)])),
    topics: Object.fromEntries(topics.map((x) => [x.id, pick(x.name, locale)])),
  };
}

const cache = new Map<Locale, Promise<BuiltIndex>>();

export function searchIndex(locale: Locale): Promise<BuiltIndex> {
  let hit = cache.get(locale);
  if (!hit) {
    hit = sourceDocs(locale).then(({ docs, audiences, topics }) =>
      buildIndex(docs, { locale, base: localePath(locale, '/').replace(/\/$/, ''), dir: `${SEARCH_INDEX_DIR}/${locale}`, audiences, topics }));
    cache.set(locale, hit);
  }
  return hit;
}

/** URL of a locale's core index file (the one the search page loads first). */
export async function searchIndexUrl(locale: Locale): Promise<string> {
  return `${SEARCH_INDEX_DIR}/${locale}/${(await searchIndex(locale)).coreHash}.json`;
}

/** Every index file URL of every locale, for precaching (the service worker can also glob search-index/**\/*.json). */
export async function searchIndexFiles(): Promise<string[]> {
  const out: string[] = [];
  for (const locale of LOCALES) {
    const b = await searchIndex(locale);
    out.push(`${SEARCH_INDEX_DIR}/${locale}/${b.coreHash}.json`, `${SEARCH_INDEX_DIR}/${locale}/${b.detailHash}.json`);
  }
  return out;
}
