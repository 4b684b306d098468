/**
 * `npm run review:due`: the report of overdue articles a scheduled job reads, and the non-zero exit it can alert
 * on (--fail-on-overdue or REVIEW_FAIL_ON_OVERDUE=1). Runs on the small fixture, on days before and after its
 * article's next review date (2027-01-10).
 */
import { describe, expect, it } from 'vitest';
import { reviewDue } from '../../scripts/review-due.ts';
import { reviewReport } from '@hc/domain/review.ts';

const env = (day: string, extra: Record<string, string> = {}) => ({
  CONTENT_DIR: 'tests/fixtures/content-min',
  BUILD_NOW: `${day}T09:00:00+08:00`,
  ...extra,
});

describe('review:due', () => {
  it('lists an overdue article with its reviewer and days overdue, and exits 1 only when asked to', async () => {
    const r = await reviewDue([], env('2027-02-01'));
    expect(r.exitCode).toBe(0);
    expect(r.report.overdue).toEqual([
      {
        id: 'salt',
        kind: 'article',
        title: '每天吃多少盐？',
        reviewer: '测试医生（虚构）',
        reviewedAt: '2026-01-10',
        nextReviewDue: '2027-01-10',
        daysOverdue: 22,
        source: 'content-min/articles/salt.md',
      },
    ]);
    expect(r.summary).toContain(
      '1 of 1 documents (1 articles, 0 self-checks) past the next review date: salt (22 days)',
    );
    expect((await reviewDue(['--fail-on-overdue'], env('2027-02-01'))).exitCode).toBe(1);
    expect((await reviewDue([], env('2027-02-01', { REVIEW_FAIL_ON_OVERDUE: '1' }))).exitCode).toBe(1);
  });

  it('exits 0 with an empty list when nothing is overdue (the due day itself is not overdue)', async () => {
    const r = await reviewDue(['--fail-on-overdue'], env('2027-01-10'));
    expect(r).toMatchObject({ exitCode: 0, report: { date: '2027-01-10', articles: 1, overdueCount: 0, overdue: [] } });
  });

  it('lists self-checks too, and 待复审: content or a cited source changed after the review', async () => {
    const r = await reviewDue([], { BUILD_NOW: '2026-12-06T09:00:00+08:00' });
    expect(r.report.quizzes).toBe(3);
    const stale = new Map(r.report.needsReview.map((e) => [e.id, e.reasons.join('; ')]));
    expect(stale.get('diabetes-risk')).toMatch(/content changed on 2026-12-05, after the review/);
    // Review dates that moved without a reviewer's record went back to the recorded review: 待复审.
    expect(stale.get('antenatal-checkups')).toMatch(/content changed on 2026-12-05/);
    expect(stale.get('elders-sleep-well')).toMatch(/content changed/);
    expect(stale.get('baduanjin-tai-chi-balance')).toMatch(/content changed/);
    expect(r.summary).toContain('待复审:');
  });

  it('orders the report most overdue first', () => {
    const a = (slug: string, due: string) => ({
      slug,
      title: slug,
      reviewedAt: '2020-01-01',
      nextReviewDue: due,
      reviewer: { name: 'x' },
    });
    expect(
      reviewReport([a('b', '2026-06-01'), a('a', '2026-01-01'), a('c', '2027-01-01')], '2026-12-05').overdue.map(
        (e) => [e.id, e.daysOverdue],
      ),
    ).toEqual([
      ['a', 338],
      ['b', 187],
    ]);
  });
});
