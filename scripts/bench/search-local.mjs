/**
 * Our search index straight from a content folder, without an Astro build: the same code the site runs
 * (searchDocs + buildIndex), fed the way src/build/search-index.ts feeds it. Used by the relevance scorer,
 * the benchmark and unit tests. `memorySearcher` answers from the built files in memory (no HTTP).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLocalContent } from '../../src/content/loaders/local.ts';
import { buildIndex } from '../../src/lib/search/build.ts';
import { searchDocs } from '../../src/lib/search/docs.ts';
import { createSearcher } from '../../src/lib/search/engine.ts';
import { convertStrings, resolveText } from '../../src/lib/localize/resolve.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BUILD_NOW = new Date('2026-11-22T09:00:00+08:00');
const HEADING = /^(#{2,3})\s+(.+)$/gm;
const BASES = { 'zh-hans': '', 'zh-hant': '/zh-hant', yue: '/yue', en: '/en' };

/** The search documents of one locale, from a loaded content set. */
export function localDocs(set, locale) {
  const articles = set.articles.map((x) => x.data);
  const families = set.families.map((x) => x.data).filter((f) => !f.hidden);
  const articleTexts = new Map();
  const articleBodies = new Map();
  for (const a of articles) {
    const human = {};
    for (const [loc, t] of Object.entries(a.translations ?? {}))
      if (t) human[loc] = { title: t.title, summary: t.summary, body: t.body };
    const r = resolveText(locale, { title: a.title, summary: a.summary, body: a.body }, human, (v, variant) =>
      convertStrings(v, variant),
    ).value;
    articleTexts.set(a.slug, {
      title: r.title,
      summary: r.summary,
      headings: [...r.body.matchAll(HEADING)].map((m) => ({ depth: m[1].length, text: m[2] })),
    });
    articleBodies.set(a.slug, r.body);
  }
  const ui = JSON.parse(readFileSync(path.join(ROOT, 'src/i18n/ui', `${locale}.json`), 'utf8'));
  return searchDocs(locale, {
    articles,
    articleTexts,
    articleBodies,
    events: set.events.map((x) => x.data),
    families,
    familyTexts: new Map(families.map((f) => [f.slug, { title: f.displayName, summary: f.summary, habits: f.habits }])),
    quizzes: set.quizzes.map((x) => x.data),
    audiences: set.audiences.map((x) => x.data),
    topics: set.topics.map((x) => x.data),
    eventTypes: ui.event?.type ?? {},
    now: BUILD_NOW,
  });
}

/** Builds one locale's index from a content folder (or an already loaded set). */
export async function localIndex(content, locale) {
  const set = typeof content === 'string' ? await loadLocalContent(content) : content;
  const { docs, audiences, topics } = localDocs(set, locale);
  return {
    docs,
    built: buildIndex(docs, {
      locale,
      base: BASES[locale],
      dir: `/search-index/${locale}`,
      audiences,
      topics,
      synonyms: (set.synonyms ?? []).map((x) => x.data),
    }),
  };
}

/** A searcher over built files held in memory. */
export function memorySearcher(built) {
  const prefix = `${path.posix.dirname(built.manifest.dir)}/`;
  return createSearcher(built.manifest, async (url) => {
    const text = built.files.get(url.slice(prefix.length));
    if (text === undefined) throw new Error(`no file ${url}`);
    return JSON.parse(text);
  });
}

/** "type:slug" of a doc URL within a locale base ("/en/events/x/" → "event:x", "/topics/sleep/" → "hub:topics/sleep"). */
export function idOfUrl(url) {
  const parts = url.split('/').filter(Boolean);
  if (['en', 'yue', 'zh-hant'].includes(parts[0])) parts.shift();
  const types = { articles: 'article', events: 'event', families: 'family', 'self-check': 'quiz' };
  if (types[parts[0]] && parts.length === 2) return `${types[parts[0]]}:${parts[1]}`;
  return `hub:${parts.join('/')}`;
}
