/**
 * The Studio refuses what the build refuses: its validation helpers agree with the model's rules, and the desk's
 * lists (events upcoming / past, due for review, families awaiting consent, by audience) select the right
 * documents of the exported dataset when run with groq-js.
 */
import { evaluate, parse } from 'groq-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE } from '../helpers/sample.ts';
import { checkNextReview } from '../../cms/schemaTypes/article.ts';
import { checkEnd } from '../../cms/schemaTypes/event.ts';
import { checkBands } from '../../cms/schemaTypes/quiz.ts';
import { addDays, QUERIES, REVIEW_WARNING_DAYS, todayInChina } from '../../cms/structure/index.ts';
import { loadLocalContent } from '../../src/content/loaders/local.ts';
import { exportNdjson } from '../../scripts/cms-export.ts';
import { readNdjson } from '../helpers/sanity-loopback.ts';

type Doc = ReturnType<typeof readNdjson>[number];
let docs: Doc[];
beforeAll(async () => {
  docs = readNdjson(exportNdjson(await loadLocalContent('content'), 'content').ndjson);
});

async function ids(filter: string, params: Record<string, unknown>, dataset = docs): Promise<string[]> {
  const q = `*[${filter}]._id`;
  return ((await (await evaluate(parse(q, { params }), { dataset, params })).get()) as string[]).sort();
}

describe.runIf(SAMPLE)('Studio validation', () => {
  it('next review after the review date and within three years', () => {
    expect(checkNextReview('2027-09-15', '2026-09-15')).toBe(true);
    expect(checkNextReview('2029-09-15', '2026-09-15')).toBe(true);
    expect(checkNextReview('2029-09-16', '2026-09-15')).toMatch(/3 年内/);
    expect(checkNextReview('2026-09-15', '2026-09-15')).toMatch(/晚于/);
  });

  it('an event ends after it starts', () => {
    expect(checkEnd('2026-12-05T11:00', '2026-12-05T09:30')).toBe(true);
    expect(checkEnd('2026-12-05T09:30', '2026-12-05T09:30')).toMatch(/必须晚于/);
  });

  it('quiz result bands must cover every reachable score (the site engine decides)', () => {
    const quiz = structuredClone(docs.find((d) => d._id === 'quiz.fall-risk')!) as unknown as { results: Array<{ min: number; max: number }> };
    expect(checkBands(quiz as never)).toBe(true);
    quiz.results[0]!.max = quiz.results[0]!.min;
    expect(checkBands(quiz as never)).toMatch(/reachable score \d+ is in no result band/);
  });
});

describe.runIf(SAMPLE)('desk lists', () => {
  const today = '2026-11-22';

  it('splits events into upcoming (or recurring) and past', async () => {
    const up = await ids(QUERIES.upcoming, { today });
    const past = await ids(QUERIES.past, { today });
    const events = docs.filter((d) => d._type === 'event');
    expect(up.length + past.length).toBe(events.length);
    for (const e of events as Array<Doc & { end: string; rrule?: string }>) {
      expect(up.includes(e._id), e._id).toBe(e.end >= today || Boolean(e.rrule));
    }
    expect(past.length).toBeGreaterThan(0);
  });

  it('lists articles due for review within the warning window', async () => {
    const soon = addDays(today, REVIEW_WARNING_DAYS);
    const due = await ids(QUERIES.dueForReview, { soon });
    const expected = (docs.filter((d) => d._type === 'article') as Array<Doc & { nextReviewDue: string }>)
      .filter((a) => a.nextReviewDue <= soon).map((a) => a._id).sort();
    expect(due).toEqual(expected);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(todayInChina(new Date('2026-11-30T17:00:00Z'))).toBe('2026-12-01');
  });

  it('lists families without recorded consent', async () => {
    const dataset = docs.map((d) => (d._id === 'family.chen-family-less-sugar' ? { ...d, consent: { by: '王医生' } } : d));
    expect(await ids(QUERIES.awaitingConsent, {}, dataset)).toEqual(['family.chen-family-less-sugar']);
    expect(await ids(QUERIES.awaitingConsent, {})).toEqual([]);
  });

  it('lists the content for one audience', async () => {
    const elders = await ids(QUERIES.byAudience, { id: 'audience.elders' });
    expect(elders).toContain('article.fall-prevention-at-home');
    expect(elders.every((id) => !id.startsWith('audience.'))).toBe(true);
  });
});
