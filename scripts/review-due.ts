/**
 * `npm run review:due [-- --fail-on-overdue] [--out=file.json]`: the articles and self-checks past their next review
 * date, those 待复审 (changed after their review) and those the Sanity review gate withheld, as JSON on stdout (the
 * same report the build writes to dist/review-report.json), and a short summary on stderr.
 * Reads the content the build would read (CONTENT_SOURCE=local by default, or sanity); "today" is BUILD_NOW or
 * the current date in Asia/Shanghai. With --fail-on-overdue (or REVIEW_FAIL_ON_OVERDUE=1) it exits 1 when a
 * document is overdue or withheld, so a scheduled job (cron, CI) can alert the centre; 2 means the content could
 * not be read.
 */
import { writeFileSync } from 'node:fs';
import { getContentSet, resetContentSet } from '../src/content/loaders/source.ts';
import type { ReviewReport } from '@hc/domain/review.ts';
import { reviewReportOf } from '../src/content/review-report.ts';
import { buildNow, localDate } from '@hc/domain/time.ts';

export async function reviewDue(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<{ exitCode: number; report: ReviewReport; summary: string }> {
  const failOnOverdue = argv.includes('--fail-on-overdue') || env.REVIEW_FAIL_ON_OVERDUE === '1';
  resetContentSet();
  const set = await getContentSet(env);
  const report = reviewReportOf(set, localDate(buildNow(env)));
  const counted = `${report.articles} articles, ${report.quizzes} self-checks`;
  const lines = [
    report.overdueCount === 0
      ? `review:due ${report.date}: nothing is past its next review date (${counted}).`
      : `review:due ${report.date}: ${report.overdueCount} of ${report.documents} documents (${counted}) past the next review date: ` +
        report.overdue.map((e) => `${e.id} (${e.daysOverdue} days)`).join(', '),
  ];
  if (report.needsReviewCount > 0)
    lines.push(
      `待复审: ${report.needsReviewCount} changed after their review: ${report.needsReview.map((e) => e.id).join(', ')}`,
    );
  if (report.withheldCount > 0)
    lines.push(
      `withheld: ${report.withheldCount} not published without a listed reviewer's approval: ` +
        report.withheld.map((w) => `${w.source} (${w.reason})`).join('; '),
    );
  const alert = report.overdueCount > 0 || report.withheldCount > 0;
  return { exitCode: failOnOverdue && alert ? 1 : 0, report, summary: lines.join('\n') };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  try {
    const { exitCode, report, summary } = await reviewDue(argv);
    const json = `${JSON.stringify(report, null, 2)}\n`;
    const out = argv.find((a) => a.startsWith('--out='))?.slice('--out='.length);
    if (out) writeFileSync(out, json);
    else process.stdout.write(json);
    console.error(summary);
    process.exit(exitCode);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
}
