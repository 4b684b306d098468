/**
 * What each kind of page contributes to the search index, in one locale. Pure: the site feeds it from the
 * content collections (src/content/search-index.ts), the benchmark straight from a content folder.
 */
import type { Article } from '../../content/model/article.ts';
import type { Audience } from '../../content/model/audience.ts';
import type { Locale } from '../../content/model/common.ts';
import type { HealthEvent } from '../../content/model/event.ts';
import type { Family } from '../../content/model/family.ts';
import type { Quiz } from '../../content/model/quiz.ts';
import type { Topic } from '../../content/model/topic.ts';
import { pick } from '../../i18n/locales.ts';
import { eventText } from '../localize/event.ts';
import { localizeQuiz } from '../quiz/localize.ts';
import type { SourceDoc } from './types.ts';

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
}

export function searchDocs(locale: Locale, input: DocsInput): { docs: SourceDoc[]; audiences: Record<string, string>; topics: Record<string, string> } {
  const docs: SourceDoc[] = [];
  for (const a of input.articles) {
    const t = input.articleTexts.get(a.slug);
    if (!t) continue;
    docs.push({
      type: 'article', id: a.slug, title: t.title, originalTitle: a.title, summary: t.summary,
      headings: t.headings.filter((h) => h.depth <= 3).map((h) => h.text), keywords: [...a.keywords, ...a.aliases],
      audiences: a.audiences, topics: a.topics,
    });
  }
  for (const e of input.events) {
    const t = eventText(e, locale);
    docs.push({ type: 'event', id: e.slug, title: t.title, originalTitle: e.title, summary: t.summary, headings: [], keywords: [], audiences: e.audiences, topics: e.topics });
  }
  for (const f of input.families) {
    const t = input.familyTexts.get(f.slug);
    if (!t) continue;
    docs.push({ type: 'family', id: f.slug, title: t.title, originalTitle: f.displayName, summary: t.summary, headings: t.habits, keywords: [...f.habits, f.award.title], audiences: [], topics: [] });
  }
  for (const q of input.quizzes) {
    const l = localizeQuiz(q, locale);
    docs.push({ type: 'quiz', id: q.slug, title: l.title, originalTitle: q.title, summary: l.textLocale === 'zh-hans' ? q.summary : l.intro, headings: [], keywords: [], audiences: q.audiences, topics: q.topics });
  }
  for (const a of input.audiences) {
    docs.push({ type: 'hub', id: `audiences/${a.id}`, title: pick(a.name, locale), originalTitle: a.name['zh-hans'], summary: pick(a.description, locale), headings: [], keywords: [], audiences: [a.id], topics: [] });
  }
  for (const x of input.topics) {
    docs.push({ type: 'hub', id: `topics/${x.id}`, title: pick(x.name, locale), originalTitle: x.name['zh-hans'], summary: pick(x.description, locale), headings: [], keywords: [], audiences: [], topics: [x.id] });
  }
  return {
    docs,
    audiences: Object.fromEntries(input.audiences.map((a) => [a.id, pick(a.name, locale)])),
    topics: Object.fromEntries(input.topics.map((x) => [x.id, pick(x.name, locale)])),
  };
}
