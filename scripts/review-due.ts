/**
 * `npm run review:due [-- --fail-on-overdue] [--out=file.json]`: the articles past their next review date, as JSON
 * on stdout (the same report the build writes to dist/review-report.json), and a one-line summary on stderr.
 * Reads the content the build would read (CONTENT_SOURCE=local by default, or sanity); "today" is BUILD_NOW or
 * the current date in Asia/Shanghai. With --fail-on-overdue (or REVIEW_FAIL_ON_OVERDUE=1) it exits 1 when an
 * article is overdue, so a scheduled job (cron, CI) can alert the centre; 2 means the content could not be read.
 */
import { writeFileSync } from 'node:fs';
import { getContentSet, resetContentSet } from '../src/content/loaders/source.ts';
import { reviewReport, type ReviewReport } from '@hc/domain/review.ts';
import { buildNow, localDate } from '@hc/domain/time.ts';

export async function reviewDue(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<{ exitCode: number; report: ReviewReport; summary: string }> {
  const failOnOverdue = argv.includes('--fail-on-overdue') || env.REVIEW_FAIL_ON_OVERDUE === '1';
  resetContentSet();
  const set = await getContentSet(env);
  const report = reviewReport(
    set.articles.map((a) => ({ ...a.data, source: a.source })),
    localDate(buildNow(env)),
  );
  const summary =
    report.overdueCount === 0
      ? `review:due ${report.date}: no article is past its next review date (${report.articles} articles).`
      : `review:due ${report.date}: ${report.overdueCount} of ${report.articles} articles past the next review date: ` +
        report.overdue.map((e) => `${e.id} (${e.daysOverdue} days)`).join(', ');
  return { exitCode: failOnOverdue && report.overdueCount > 0 ? 1 : 0, report, summary };
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
