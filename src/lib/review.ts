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
    ...late.map((a) => `  - ${a.slug} "${a.title}" due ${a.nextReviewDue} (last reviewed ${a.reviewedAt})${a.source ? ` [${a.source}]` : ''}`),
  ].join('\n');
}
