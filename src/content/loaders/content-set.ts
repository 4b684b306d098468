/**
 * The whole of a site's content, validated: what every source (git or Sanity) must produce.
 * Cross-entry rules live here so that both sources enforce them the same way.
 */
import type {
  Article,
  Audience,
  Family,
  HealthDay,
  HealthEvent,
  ListedReviewerEntry,
  Quiz,
  ReviewRecordEntry,
  SiteSettings,
  SourceEntry,
  Synonym,
  Topic,
} from '@hc/domain/model/index.ts';
import type { WithheldDocument } from '@hc/domain/review.ts';
import type { ContentProblem } from './errors.ts';
import { checkQuiz } from '@hc/domain/quiz/engine.ts';

export interface Sourced<T> {
  data: T;
  /** Where the entry came from: a file under content/ or a Sanity document id. */
  source: string;
}

export interface ContentSet {
  audiences: Sourced<Audience>[];
  topics: Sourced<Topic>[];
  /** The shared source list (content/sources.yaml, or the dataset's source documents). */
  sources: Sourced<SourceEntry>[];
  articles: Sourced<Article>[];
  events: Sourced<HealthEvent>[];
  healthDays: Sourced<HealthDay>[];
  families: Sourced<Family>[];
  quizzes: Sourced<Quiz>[];
  siteSettings: Sourced<SiteSettings>;
  /** Who may approve health content: the repository's allow-list (content/reviewers.yaml), whichever the source. */
  reviewers: Sourced<ListedReviewerEntry>[];
  /** The review records of git content (content/reviews.yaml); empty for Sanity, whose approvals live there. */
  reviews: Sourced<ReviewRecordEntry>[];
  /** Health documents left out because no listed reviewer's approval covers them (Sanity builds). */
  withheld: WithheldDocument[];
  /** Search synonyms (content/search/synonyms.yaml); a source without them searches with the pages' words. */
  synonyms?: Sourced<Synonym>[];
}

function duplicates<T>(entries: Sourced<T>[], key: (t: T) => string, kind: string, field: string): ContentProblem[] {
  const seen = new Map<string, string>();
  const problems: ContentProblem[] = [];
  for (const e of entries) {
    const k = key(e.data);
    const first = seen.get(k);
    if (first) problems.push({ source: e.source, path: field, message: `duplicate ${kind} "${k}" (also in ${first})` });
    else seen.set(k, e.source);
  }
  return problems;
}

function unknownRefs(
  source: string,
  field: string,
  ids: readonly string[],
  known: Set<string>,
  kind: string,
): ContentProblem[] {
  return ids.flatMap((id, i) =>
    known.has(id)
      ? []
      : [{ source, path: `${field}[${i}]`, message: `unknown ${kind} id "${id}" (known: ${[...known].join(', ')})` }],
  );
}

/** Rules that span entries: unique slugs and ids, and references to audiences, topics and articles that exist. */
export function crossCheck(set: ContentSet): ContentProblem[] {
  const problems: ContentProblem[] = [
    ...duplicates(set.audiences, (a) => a.id, 'audience id', 'id'),
    ...duplicates(set.topics, (t) => t.id, 'topic id', 'id'),
    ...duplicates(set.sources, (s) => s.id, 'source id', 'id'),
    ...duplicates(set.articles, (a) => a.slug, 'article slug', 'slug'),
    ...duplicates(set.events, (e) => e.slug, 'event slug', 'slug'),
    ...duplicates(set.healthDays, (d) => d.id, 'health day id', 'id'),
    ...duplicates(set.families, (f) => f.slug, 'family slug', 'slug'),
    ...duplicates(set.quizzes, (q) => q.slug, 'quiz slug', 'slug'),
  ];
  const audiences = new Set(set.audiences.map((a) => a.data.id));
  const topics = new Set(set.topics.map((t) => t.data.id));
  const articles = new Set(set.articles.map((a) => a.data.slug));
  const tagged: Array<Sourced<{ audiences: string[]; topics: string[] }>> = [
    ...set.articles,
    ...set.events,
    ...set.healthDays,
    ...set.families,
    ...set.quizzes,
  ];
  for (const e of tagged) {
    problems.push(...unknownRefs(e.source, 'audiences', e.data.audiences, audiences, 'audience'));
    problems.push(...unknownRefs(e.source, 'topics', e.data.topics, topics, 'topic'));
  }
  for (const q of set.quizzes) {
    q.data.results.forEach((r, i) => {
      problems.push(
        ...unknownRefs(q.source, `results[${i}].recommend.articles`, r.recommend.articles, articles, 'article'),
      );
      problems.push(
        ...unknownRefs(q.source, `results[${i}].recommend.audiences`, r.recommend.audiences, audiences, 'audience'),
      );
    });
    q.data.questions.forEach((qq, i) => {
      problems.push(...unknownRefs(q.source, `questions[${i}].recommend`, qq.recommend, articles, 'article'));
    });
    // Result bands must cover every reachable score exactly once; number bands must cover their range.
    for (const p of checkQuiz(q.data)) problems.push({ source: q.source, path: p.path, message: p.message });
  }
  return problems;
}
