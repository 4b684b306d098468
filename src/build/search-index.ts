/**
 * The search index of each locale, built once per build from the content collections (memoised: the index
 * endpoint and the search page both ask for it). The pure work is in src/lib/search/build.ts.
 */
import { LOCALES, localePath, type Locale } from '../i18n/locales.ts';
import { buildIndex, type BuiltIndex } from '../lib/search/build.ts';
import { searchDocs } from '../lib/search/docs.ts';
import { offload } from '../lib/offload/index.ts';
import {
  getArticles,
  getArticleTexts,
  getAudiences,
  getEvents,
  getFamilies,
  getFamilyTexts,
  getQuizzes,
  getTopics,
  now,
} from '../content/queries.ts';
import { EVENT_TYPES } from '@hc/domain/model/event.ts';
import { useT } from '../i18n/t.ts';
import { getContentSet } from '../content/loaders/source.ts';

/** Where the index files are served, per locale: /search-index/<locale>/<hash>.json (locale-independent root). */
export const SEARCH_INDEX_DIR = '/search-index';

async function sourceDocs(locale: Locale) {
  const [articles, articleTexts, events, families, familyTexts, quizzes, audiences, topics] = await Promise.all([
    getArticles(),
    getArticleTexts(locale),
    getEvents(),
    getFamilies(),
    getFamilyTexts(locale),
    getQuizzes(),
    getAudiences(),
    getTopics(),
  ]);
  const t = useT(locale);
  const eventTypes = Object.fromEntries(EVENT_TYPES.map((x) => [x, t(`event.type.${x}`)]));
  return searchDocs(locale, {
    articles,
    articleTexts,
    events,
    families,
    familyTexts,
    quizzes,
    audiences,
    topics,
    eventTypes,
    now: now().instant,
  });
}

/** The site's search synonyms (content/search/synonyms.yaml, validated with the rest of the content). */
async function synonyms() {
  return ((await getContentSet()).synonyms ?? []).map((s) => s.data);
}

const cache = new Map<Locale, Promise<BuiltIndex>>();

export function searchIndex(locale: Locale): Promise<BuiltIndex> {
  let hit = cache.get(locale);
  if (!hit) {
    hit = Promise.all([sourceDocs(locale), synonyms()]).then(([{ docs, audiences, topics }, synonyms]) =>
      // On a worker thread when there is one: the four locales' indexes build side by side.
      offload(
        'search/build.ts',
        'buildIndex',
        [
          docs,
          {
            locale,
            base: localePath(locale, '/').replace(/\/$/, ''),
            dir: `${SEARCH_INDEX_DIR}/${locale}`,
            audiences,
            topics,
            synonyms,
          },
        ],
        buildIndex,
      ),
    );
    cache.set(locale, hit);
  }
  return hit;
}

/** URL of a locale's manifest (the one file the search page names; it names the rest). */
/** Starts every locale's index at once (they build in parallel on worker threads). */
export function startSearchIndexes(): void {
  for (const locale of LOCALES) void searchIndex(locale);
}

export async function searchIndexUrl(locale: Locale): Promise<string> {
  return `${SEARCH_INDEX_DIR}/${locale}/${(await searchIndex(locale)).manifestHash}.json`;
}
