/**
 * The review report of a content set (dist/review-report.json, `npm run review:due`, the build log): articles and
 * self-checks past their next review, those 待复审 (changed, or citing a source that changed, after their review),
 * and the health documents the Sanity review gate withheld.
 */
import {
  overdueReport,
  reviewReport,
  staleReviews,
  type ReviewedDocument,
  type ReviewReport,
} from '@hc/domain/review.ts';
import type { ContentSet } from './loaders/content-set.ts';

/** Every reviewed document of a set (articles, then self-checks), with the ids of the sources it cites. */
export function reviewedDocuments(set: ContentSet): ReviewedDocument[] {
  return [
    ...set.articles.map((a) => ({
      ...a.data,
      kind: 'article' as const,
      cites: a.data.sources.flatMap((s) => (s.id ? [s.id] : [])),
      source: a.source,
    })),
    ...set.quizzes.map((q) => ({
      ...q.data,
      kind: 'quiz' as const,
      cites: q.data.source.id ? [q.data.source.id] : [],
      source: q.source,
    })),
  ];
}

const sourceChanges = (set: ContentSet) =>
  new Map(set.sources.flatMap((s) => (s.data.updatedAt ? [[s.data.id, s.data.updatedAt] as const] : [])));

export function reviewReportOf(set: ContentSet, today: string): ReviewReport {
  const docs = reviewedDocuments(set);
  return reviewReport(docs, today, { needsReview: staleReviews(docs, sourceChanges(set)), withheld: set.withheld });
}

/** The build log's lines: overdue, 待复审 and withheld documents. */
export function reviewLog(set: ContentSet, today: string): string {
  const report = reviewReportOf(set, today);
  const lines = [overdueReport(reviewedDocuments(set), today)];
  if (report.needsReviewCount > 0)
    lines.push(
      `待复审 (needs another review): ${report.needsReviewCount} document(s) changed after their review:`,
      ...report.needsReview.map(
        (s) => `  - ${s.kind} ${s.id} "${s.title}" reviewed ${s.reviewedAt}: ${s.reasons.join('; ')}`,
      ),
    );
  if (report.withheldCount > 0)
    lines.push(
      `Withheld (not published): ${report.withheldCount} health document(s) without a listed reviewer's approval:`,
      ...report.withheld.map((w) => `  - ${w.source} "${w.title}": ${w.reason}`),
    );
  return lines.join('\n');
}
