/**
 * Rules for the content under test (content/, or CONTENT_DIR — npm test also runs them on the real-looking
 * fixture tests/fixtures/centre-real). Every content set must pass the first group; the second applies only
 * while site.yaml marks the site as a sample (it carries a sampleNotice), so a centre's first real article,
 * signed by a real reviewer, never fails npm test.
 */
import { describe, expect, it } from 'vitest';
import { CONTENT_DIR, loadContent } from '../helpers/env.ts';

const set = await loadContent();
const articles = set.articles.map((a) => a.data);
const sample = Boolean(set.siteSettings.data.sampleNotice);

describe(`content rules (${CONTENT_DIR})`, () => {
  it('every article is signed by a named reviewer with a role, cites a source and is due for review after it was reviewed', () => {
    for (const a of articles) {
      expect(a.reviewer.name.trim(), a.slug).not.toBe('');
      expect(a.reviewer.role.trim(), a.slug).not.toBe('');
      expect(a.sources.length, a.slug).toBeGreaterThan(0);
      expect(a.nextReviewDue > a.reviewedAt, a.slug).toBe(true);
    }
  });

  it('every article and event is filed under audiences and topics that exist', () => {
    const audiences = new Set(set.audiences.map((a) => a.data.id));
    const topics = new Set(set.topics.map((t) => t.data.id));
    for (const item of [...articles, ...set.events.map((e) => e.data)]) {
      for (const a of item.audiences) expect(audiences, `${item.slug}: audience ${a}`).toContain(a);
      for (const t of item.topics) expect(topics, `${item.slug}: topic ${t}`).toContain(t);
    }
  });

  it('families, when there are any, are consented', () => {
    for (const f of set.families.map((x) => x.data))
      expect(f.consent.recordedAt, f.slug).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('site settings list the national emergency numbers', () => {
    expect(set.siteSettings.data.emergency.map((e) => e.number)).toEqual(expect.arrayContaining(['120', '110', '119']));
  });

  it('the Chinese Double Ninth (重阳节), when listed, follows the lunar calendar', () => {
    const chongyang = set.healthDays.find((d) => d.data.id === 'double-ninth')?.data;
    if (chongyang) expect(chongyang.rule).toMatchObject({ calendar: 'chinese', month: 9, day: 9 });
  });
});

/**
 * The sample content in content/ covers what the site promises: every audience and topic has reading, some
 * articles are human-translated, the calendar has series and a cancellation, families are fictional and
 * consented, names are marked fictional, and every observance day from the domain brief is present.
 */
describe.runIf(sample)('sample rules (site.yaml has a sampleNotice)', () => {
  it('has at least 30 articles, reviewed by reviewers marked fictional', () => {
    expect(articles.length).toBeGreaterThanOrEqual(30);
    for (const a of articles) expect(a.reviewer.name, a.slug).toMatch(/虚构/);
  });

  it('gives each of the 6 audiences and at least 10 topics 3 or more articles', () => {
    expect(set.audiences).toHaveLength(6);
    for (const { data: aud } of set.audiences) {
      expect(articles.filter((a) => a.audiences.includes(aud.id)).length, aud.id).toBeGreaterThanOrEqual(3);
    }
    const rich = set.topics.filter(({ data: t }) => articles.filter((a) => a.topics.includes(t.id)).length >= 3);
    expect(rich.length).toBeGreaterThanOrEqual(10);
  });

  it('has human Traditional and Cantonese versions of 6 articles and English of 3', () => {
    expect(articles.filter((a) => a.translations['zh-hant'] && a.translations.yue).length).toBeGreaterThanOrEqual(6);
    expect(articles.filter((a) => a.translations.en).length).toBeGreaterThanOrEqual(3);
  });

  it('has 15 or more events in the three months after the test date, 3 series and a cancelled one', () => {
    const events = set.events.map((e) => e.data);
    const inWindow = events.filter((e) => e.start >= '2026-11-22' && e.start <= '2027-02-22');
    expect(inWindow.length).toBeGreaterThanOrEqual(15);
    expect(events.filter((e) => /FREQ=(WEEKLY|MONTHLY)/.test(e.rrule ?? '')).length).toBeGreaterThanOrEqual(3);
    expect(events.some((e) => e.status === 'cancelled')).toBe(true);
  });

  it('has 6 or more fictional, consented families', () => {
    const families = set.families.map((f) => f.data);
    expect(families.length).toBeGreaterThanOrEqual(6);
    for (const f of families) {
      expect(f.fictional, f.slug).toBe(true);
      expect(f.story, f.slug).toMatch(/虚构/);
    }
  });

  it('knows every observance day in the domain brief', () => {
    const names = set.healthDays.map((d) => d.data.name['zh-hans']);
    for (const n of [
      '世界防治结核病日',
      '世界卫生日',
      '全国肿瘤防治宣传周',
      '世界高血压日',
      '中国学生营养日',
      '世界无烟日',
      '全国爱眼日',
      '全民健身日',
      '全国爱牙日',
      '全国高血压日',
      '世界精神卫生日',
      '联合国糖尿病日',
      '世界艾滋病日',
    ]) {
      expect(names, n).toContain(n);
    }
    expect(set.healthDays.some((d) => d.data.id === 'double-ninth')).toBe(true);
  });
});
