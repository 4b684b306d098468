/**
 * The Studio refuses what the build refuses: its validation helpers agree with the model's rules, and the desk's
 * lists (events upcoming / past, due for review, families awaiting consent, by audience) select the right
 * documents of the exported dataset when run with groq-js.
 */
import { evaluate, parse } from 'groq-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE } from '../helpers/sample.ts';
import { checkNextReview } from '../../cms/schemaTypes/article.ts';
import { checkEnd, checkOccurrence, checkRruleField } from '../../cms/schemaTypes/event.ts';
import { checkPhone } from '../../cms/schemaTypes/common.ts';
import { phoneSchema } from '@hc/domain/model/common.ts';
import { telHref } from '@hc/domain/model/patterns.ts';
import { checkDay } from '../../cms/schemaTypes/healthDay.ts';
import { checkBands, checkOptions, checkQuestionIds } from '../../cms/schemaTypes/quiz.ts';
import { departmentCoverage } from '../../cms/schemaTypes/points.ts';
import { addDays } from '@hc/domain/time.ts';
import { QUERIES, REVIEW_WARNING_DAYS, todayInChina } from '../../cms/structure/index.ts';
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

  it('refuses what the build refuses: rrule parts, occurrences, impossible days, quiz ids and options', () => {
    expect(checkRruleField('FREQ=WEEKLY;BYDAY=SA;COUNT=4', '2026-12-05T08:00')).toBe(true);
    expect(checkRruleField('FREQ=WEEKLY;BYDAY=XX', '2026-12-05T08:00')).toMatch(/BYDAY=XX is not valid/);
    expect(checkRruleField('FREQ=WEEKLY;INTERVAL=0', '2026-12-05T08:00')).toMatch(/INTERVAL=0/);
    expect(checkRruleField('FREQ=WEEKLY;FOO=1', '2026-12-05T08:00')).toMatch(/unsupported rule part FOO/);
    const series = { start: '2026-12-05T08:00', rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=4' };
    expect(checkOccurrence('2026-12-12T08:00', series)).toBe(true);
    expect(checkOccurrence('2026-12-13T08:00', series)).toMatch(/不是这个活动的某一次/);
    expect(checkOccurrence('2026-12-06T08:00', { start: '2026-12-05T08:00' })).toMatch(/只办一次/);
    expect(checkDay({ calendar: 'gregorian', month: 2 }, 30)).toMatch(/2 月没有 30 日/);
    expect(checkDay({ calendar: 'gregorian', month: 4 }, 31)).toMatch(/4 月没有 31 日/);
    expect(checkDay({ calendar: 'gregorian', month: 2 }, 29)).toMatch(/闰年/);
    expect(checkDay({ calendar: 'chinese', month: 12 }, 30)).toBe(true);
    expect(checkDay({ calendar: 'gregorian', month: 5 }, 17)).toBe(true);
    expect(checkQuestionIds([{ id: 'a' }, { id: 'b' }])).toBe(true);
    expect(checkQuestionIds([{ id: 'a' }, { id: 'a' }])).toMatch(/重复/);
    expect(checkOptions('single', 0)).toMatch(/至少需要 2 个/);
    expect(checkOptions('multi', 1)).toMatch(/至少需要 2 个/);
    expect(checkOptions('boolean', 3)).toMatch(/正好 2 个/);
    expect(checkOptions('number', 0)).toBe(true);
  });

  it('the plan’s reward minimums are a warning on a department or reward, counting the reward being edited', () => {
    const two = [
      { id: 'r1', validTo: '2027-12-31' },
      { id: 'r2', validTo: '2027-12-31' },
    ];
    expect(departmentCoverage({ id: 'town', kind: 'township' }, two, '2026-12-06')).toMatch(
      /至少提供 3 项.*目前有 2 项/,
    );
    expect(departmentCoverage({ id: 'town', kind: 'township' }, two, '2026-12-06', { id: 'r3' })).toBe(true);
    expect(departmentCoverage({ id: 'town', kind: 'township' }, two, '2026-12-06', { id: 'r2' })).toMatch(/2 项/);
    expect(departmentCoverage({ id: 'bus', kind: 'transport' }, [], '2026-12-06')).toBe(true);
    expect(departmentCoverage({ id: 'b', kind: 'health-bureau' }, two, '2026-12-06')).toMatch(/至少提供 6 项/);
  });

  it('an event ends after it starts', () => {
    expect(checkEnd('2026-12-05T11:00', '2026-12-05T09:30')).toBe(true);
    expect(checkEnd('2026-12-05T09:30', '2026-12-05T09:30')).toMatch(/必须晚于/);
  });

  it('quiz result bands must cover every reachable score (the site engine decides)', () => {
    const quiz = structuredClone(docs.find((d) => d._id === 'quiz.fall-risk')!) as unknown as {
      results: Array<{ min: number; max: number }>;
    };
    expect(checkBands(quiz as never)).toBe(true);
    quiz.results[0]!.max = quiz.results[0]!.min;
    expect(checkBands(quiz as never)).toMatch(/reachable score \d+ is in no result band/);
  });
});

describe('phone numbers', () => {
  const good = ['010-8765-4321', '010-8765-4321 转 8021', '（0571）8888 6666', '+86 10 8765 4321', '12320', ' 120 '];
  const bad = ['010-876O-4321', 'javascript:alert(1)', '12', '电话', '010-8765-4321 转', '<b>120</b>', '010/8765/4321'];

  it('the Studio and the model accept and refuse the same numbers', () => {
    for (const p of good) {
      expect(checkPhone(p), p).toBe(true);
      expect(phoneSchema.safeParse(p).success, p).toBe(true);
    }
    for (const p of bad) {
      expect(checkPhone(p), p).toMatch(/电话号码格式不对/);
      expect(phoneSchema.safeParse(p).success, p).toBe(false);
    }
  });

  it('a tel: link dials the digits, and an extension after a pause', () => {
    expect(telHref('010-8765-4321')).toBe('tel:01087654321');
    expect(telHref('010-8765-4321 转 8021')).toBe('tel:01087654321,8021');
    expect(telHref('+86 10 8765 4321')).toBe('tel:+861087654321');
    expect(telHref('（0571）8888 6666 分机 12')).toBe('tel:057188886666,12');
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
      .filter((a) => a.nextReviewDue <= soon)
      .map((a) => a._id)
      .sort();
    expect(due).toEqual(expected);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(todayInChina(new Date('2026-11-30T17:00:00Z'))).toBe('2026-12-01');
  });

  it('lists families without recorded consent', async () => {
    const dataset = docs.map((d) =>
      d._id === 'family.chen-family-less-sugar' ? { ...d, consent: { by: '王医生' } } : d,
    );
    expect(await ids(QUERIES.awaitingConsent, {}, dataset)).toEqual(['family.chen-family-less-sugar']);
    expect(await ids(QUERIES.awaitingConsent, {})).toEqual([]);
  });

  it('lists the content for one audience', async () => {
    const elders = await ids(QUERIES.byAudience, { id: 'audience.elders' });
    expect(elders).toContain('article.fall-prevention-at-home');
    expect(elders.every((id) => !id.startsWith('audience.'))).toBe(true);
  });
});
