/**
 * Health-content trust: which reviewed documents (articles and self-checks) are past their next review date,
 * which changed after their last review (待复审), and which the build left out because no listed reviewer
 * approved what would be published.
 */

export type ReviewedKind = 'article' | 'quiz';

export interface Reviewable {
  slug: string;
  title: string;
  reviewedAt: string;
  nextReviewDue: string;
  /** What kind of document (article unless said). */
  kind?: ReviewedKind;
}

/** Documents whose next review date is before `today` (YYYY-MM-DD), most overdue first. */
export function overdue<T extends Reviewable>(docs: T[], today: string): T[] {
  return docs.filter((a) => a.nextReviewDue < today).sort((a, b) => a.nextReviewDue.localeCompare(b.nextReviewDue));
}

export function isOverdue(a: Pick<Reviewable, 'nextReviewDue'>, today: string): boolean {
  return a.nextReviewDue < today;
}

const KIND_WORD: Record<ReviewedKind, string> = { article: 'article', quiz: 'self-check' };

/** The build-log report: one line per overdue document, or a line saying none is. */
export function overdueReport<T extends Reviewable & { source?: string }>(docs: T[], today: string): string {
  const late = overdue(docs, today);
  if (late.length === 0) return `Review check (${today}): no article or self-check is past its next review date.`;
  return [
    `Review check (${today}): ${late.length} document${late.length === 1 ? ' is' : 's are'} past the next review date:`,
    ...late.map(
      (a) =>
        `  - ${KIND_WORD[a.kind ?? 'article']} ${a.slug} "${a.title}" due ${a.nextReviewDue} (last reviewed ${a.reviewedAt})${a.source ? ` [${a.source}]` : ''}`,
    ),
  ].join('\n');
}

/** Days a review is overdue on `today` (both YYYY-MM-DD); 0 when it is not overdue. */
export function daysOverdue(nextReviewDue: string | undefined, today: string): number {
  return nextReviewDue && nextReviewDue < today ? daysBetween(nextReviewDue, today) : 0;
}

/** Days from `from` to `to` (both YYYY-MM-DD). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A document reviewed before something it says or cites changed: 待复审. */
export interface StaleReview {
  id: string;
  kind: ReviewedKind;
  title: string;
  reviewedAt: string;
  /** Why it needs another review (the content changed on …; a cited source changed on …). */
  reasons: string[];
  source?: string;
}

/** A health document the build did not publish: no approval by a listed reviewer covers what it would show. */
export interface WithheldDocument {
  id: string;
  kind: string;
  title: string;
  reason: string;
  /** The Sanity document id (or file). */
  source: string;
}

export interface ReviewedDocument extends Reviewable {
  reviewer: { name: string };
  updatedAt?: string;
  /** The ids of the shared sources it cites (content/sources.yaml, or Sanity source documents). */
  cites?: string[];
  source?: string;
}

/**
 * 待复审: documents whose content changed after their review date (updatedAt later than reviewedAt), or that cite
 * a source whose entry changed after it (`sourceChanged`: source id → the day it changed).
 */
export function staleReviews(
  docs: readonly ReviewedDocument[],
  sourceChanged: ReadonlyMap<string, string> = new Map(),
): StaleReview[] {
  const out: StaleReview[] = [];
  for (const d of docs) {
    const reasons: string[] = [];
    if (d.updatedAt && d.updatedAt > d.reviewedAt) reasons.push(`content changed on ${d.updatedAt}, after the review`);
    for (const id of d.cites ?? []) {
      const changed = sourceChanged.get(id);
      if (changed && changed > d.reviewedAt) reasons.push(`cited source ${id} changed on ${changed}, after the review`);
    }
    if (reasons.length)
      out.push({
        id: d.slug,
        kind: d.kind ?? 'article',
        title: d.title,
        reviewedAt: d.reviewedAt,
        reasons,
        ...(d.source ? { source: d.source } : {}),
      });
  }
  return out.sort((a, b) => a.reviewedAt.localeCompare(b.reviewedAt) || a.id.localeCompare(b.id));
}

export interface ReviewReportEntry {
  id: string;
  kind: ReviewedKind;
  title: string;
  reviewer: string;
  reviewedAt: string;
  nextReviewDue: string;
  daysOverdue: number;
  /** Where the document came from: a file under content/ or a Sanity document id. */
  source?: string;
}

export interface ReviewReport {
  /** The day the report is for (YYYY-MM-DD, Asia/Shanghai). */
  date: string;
  /** Reviewed documents published (articles and self-checks). */
  documents: number;
  articles: number;
  quizzes: number;
  overdueCount: number;
  /** Most overdue first. */
  overdue: ReviewReportEntry[];
  /** 待复审: changed (or a cited source changed) after the last review. */
  needsReviewCount: number;
  needsReview: StaleReview[];
  /** Left out of the site: no approval by a listed reviewer covers the content (Sanity builds). */
  withheldCount: number;
  withheld: WithheldDocument[];
}

/**
 * The review report a scheduled job can mail or post (dist/review-report.json, `npm run review:due`): every
 * article and self-check past its next review date on `today` (who reviewed it last, how many days late), those
 * 待复审, and those the build withheld.
 */
export function reviewReport<T extends ReviewedDocument>(
  docs: T[],
  today: string,
  extra: { needsReview?: StaleReview[]; withheld?: WithheldDocument[] } = {},
): ReviewReport {
  const late = overdue(docs, today);
  const needsReview = extra.needsReview ?? [];
  const withheld = extra.withheld ?? [];
  return {
    date: today,
    documents: docs.length,
    articles: docs.filter((d) => (d.kind ?? 'article') === 'article').length,
    quizzes: docs.filter((d) => d.kind === 'quiz').length,
    overdueCount: late.length,
    overdue: late.map((a) => ({
      id: a.slug,
      kind: a.kind ?? 'article',
      title: a.title,
      reviewer: a.reviewer.name,
      reviewedAt: a.reviewedAt,
      nextReviewDue: a.nextReviewDue,
      daysOverdue: daysBetween(a.nextReviewDue, today),
      ...(a.source ? { source: a.source } : {}),
    })),
    needsReviewCount: needsReview.length,
    needsReview,
    withheldCount: withheld.length,
    withheld,
  };
}
