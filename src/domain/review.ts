/** Health-content trust: which articles are past their next review date. */

export interface Reviewable {
  slug: string;
  title: string;
  reviewedAt: string;
  nextReviewDue: string;
}

/** Articles whose next review date is before `today` (YYYY-MM-DD), most overdue first. */
export function overdue<T extends Reviewable>(articles: T[], today: string): T[] {
  return articles.filter((a) => a.nextReviewDue < today).sort((a, b) => a.nextReviewDue.localeCompare(b.nextReviewDue));
}

export function isOverdue(a: Pick<Reviewable, 'nextReviewDue'>, today: string): boolean {
  return a.nextReviewDue < today;
}

/** The build-log report: one line per overdue article, or a line saying none is. */
export function overdueReport<T extends Reviewable & { source?: string }>(articles: T[], today: string): string {
  const late = overdue(articles, today);
  if (late.length === 0) return `Review check (${today}): no article is past its next review date.`;
  return [
    `Review check (${today}): ${late.length} article${late.length === 1 ? ' is' : 's are'} past the next review date:`,
    ...late.map(
      (a) =>
        `  - ${a.slug} "${a.title}" due ${a.nextReviewDue} (last reviewed ${a.reviewedAt})${a.source ? ` [${a.source}]` : ''}`,
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

export interface ReviewReportEntry {
  id: string;
  title: string;
  reviewer: string;
  reviewedAt: string;
  nextReviewDue: string;
  daysOverdue: number;
  /** Where the article came from: a file under content/ or a Sanity document id. */
  source?: string;
}

export interface ReviewReport {
  /** The day the report is for (YYYY-MM-DD, Asia/Shanghai). */
  date: string;
  articles: number;
  overdueCount: number;
  /** Most overdue first. */
  overdue: ReviewReportEntry[];
}

/**
 * The review report a scheduled job can mail or post (dist/review-report.json, `npm run review:due`): every
 * article past its next review date on `today`, with who reviewed it last and by how many days it is late.
 */
export function reviewReport<T extends Reviewable & { reviewer: { name: string }; source?: string }>(
  articles: T[],
  today: string,
): ReviewReport {
  const late = overdue(articles, today);
  return {
    date: today,
    articles: articles.length,
    overdueCount: late.length,
    overdue: late.map((a) => ({
      id: a.slug,
      title: a.title,
      reviewer: a.reviewer.name,
      reviewedAt: a.reviewedAt,
      nextReviewDue: a.nextReviewDue,
      daysOverdue: daysBetween(a.nextReviewDue, today),
      ...(a.source ? { source: a.source } : {}),
    })),
  };
}
