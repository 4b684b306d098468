/**
 * dist/review-report.json: the articles and self-checks past their next review date on the build day, those
 * 待复审 and those the review gate withheld, for a scheduled job to mail or post (the same report as
 * `npm run review:due`; src/content/review-report.ts).
 */
import type { APIRoute } from 'astro';
import { getContentSet } from '../content/loaders/source.ts';
import { reviewReportOf } from '../content/review-report.ts';
import { buildNow, localDate } from '@hc/domain/time.ts';

export const GET: APIRoute = async () => {
  const report = reviewReportOf(await getContentSet(), localDate(buildNow()));
  return new Response(`${JSON.stringify(report, null, 2)}\n`, {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
};
