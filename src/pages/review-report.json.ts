/**
 * dist/review-report.json: the articles past their next review date on the build day, for a scheduled job to
 * mail or post (the same report as `npm run review:due`; src/domain/review.ts).
 */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { reviewReport } from '@hc/domain/review.ts';
import { buildNow, localDate } from '@hc/domain/time.ts';

export const GET: APIRoute = async () => {
  const articles = (await getCollection('articles')).map((a) => a.data);
  const report = reviewReport(articles, localDate(buildNow()));
  return new Response(`${JSON.stringify(report, null, 2)}\n`, {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
};
