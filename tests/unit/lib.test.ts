import { describe, expect, it } from 'vitest';
import { byUpdated, related } from '@hc/domain/articles/related.ts';
import { orderForAudience, readChoice } from '../../src/components/home/order.ts';
import { overdue, overdueReport } from '@hc/domain/review.ts';
import { buildNow, localDate, addDays } from '@hc/domain/time.ts';
import { formatDate, formatRange } from '../../src/lib/text/format.ts';

const a = (slug: string, topics: string[], audiences: string[], updatedAt = '2026-01-01') => ({
  slug,
  topics,
  audiences,
  updatedAt,
});

describe('related articles', () => {
  it('ranks shared topics above shared audiences and leaves out the article itself', () => {
    const me = a('me', ['diet', 'sleep'], ['elders']);
    const all = [
      me,
      a('topic2', ['diet', 'sleep'], []),
      a('aud', [], ['elders']),
      a('topic1', ['diet'], ['children']),
      a('none', ['tcm'], ['children']),
    ];
    expect(related(me, all).map((x) => x.slug)).toEqual(['topic2', 'topic1', 'aud']);
  });
  it('sorts newest first, stably', () => {
    expect(
      byUpdated([a('b', [], [], '2026-01-01'), a('a', [], [], '2026-01-01'), a('c', [], [], '2026-05-01')]).map(
        (x) => x.slug,
      ),
    ).toEqual(['c', 'a', 'b']);
  });
});

describe('audience picker order', () => {
  it('moves the chosen audience first and keeps the rest', () => {
    expect(orderForAudience(['elders', 'children', 'carers'], (x) => x, 'carers')).toEqual([
      'carers',
      'elders',
      'children',
    ]);
    expect(orderForAudience(['elders', 'children'], (x) => x, null)).toEqual(['elders', 'children']);
    expect(orderForAudience(['elders', 'children'], (x) => x, 'aliens')).toEqual(['elders', 'children']);
  });
  it('ignores a stored value that is not a known audience', () => {
    expect(readChoice('<img>', ['elders'])).toBeNull();
    expect(readChoice('elders', ['elders'])).toBe('elders');
  });
});

describe('review dates', () => {
  const list = [
    { slug: 'a', title: 'A', reviewedAt: '2024-03-01', nextReviewDue: '2026-03-01' },
    { slug: 'b', title: 'B', reviewedAt: '2026-09-01', nextReviewDue: '2027-09-01' },
    { slug: 'c', title: 'C', reviewedAt: '2023-01-01', nextReviewDue: '2025-01-01' },
  ];
  it('lists overdue articles, most overdue first', () => {
    expect(overdue(list, '2026-11-22').map((x) => x.slug)).toEqual(['c', 'a']);
    expect(overdue(list, '2026-03-01').map((x) => x.slug)).toEqual(['c']);
  });
  it('prints a report for the build log', () => {
    expect(overdueReport(list, '2026-11-22')).toContain('2 documents are past the next review date');
    expect(overdueReport(list, '2026-11-22')).toContain('- article c "C" due 2025-01-01');
    expect(overdueReport([{ ...list[2]!, kind: 'quiz' as const }], '2026-11-22')).toContain(
      '- self-check c "C" due 2025-01-01',
    );
    expect(overdueReport([], '2026-11-22')).toContain('no article or self-check is past its next review date');
  });
});

describe('time', () => {
  it('reads BUILD_NOW and rejects nonsense', () => {
    expect(buildNow({ BUILD_NOW: '2026-11-22T00:00:00+08:00' }).toISOString()).toBe('2026-11-21T16:00:00.000Z');
    expect(() => buildNow({ BUILD_NOW: 'tomorrow' })).toThrow('BUILD_NOW is not a valid date');
  });
  it('dates in Shanghai, whatever the machine zone', () => {
    expect(localDate(new Date('2026-11-21T16:30:00Z'))).toBe('2026-11-22');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
  it('remembers its last answer only within the same second and zone', () => {
    // Either side of midnight in Shanghai, asked again and again, and the same instants in another zone between.
    const before = new Date('2026-11-21T15:59:59.999Z');
    const after = new Date('2026-11-21T16:00:00.000Z');
    for (let i = 0; i < 3; i++) {
      expect(localDate(before)).toBe('2026-11-21');
      expect(localDate(after)).toBe('2026-11-22');
      expect(localDate(after, 'America/New_York')).toBe('2026-11-21');
      expect(localDate(new Date('2026-11-22T05:00:00Z'), 'America/New_York')).toBe('2026-11-22');
    }
    expect(() => localDate(new Date(Number.NaN))).toThrow(RangeError);
  });
  it('formats dates for each locale', () => {
    expect(formatDate('zh-Hans-CN', '2026-09-15')).toBe('2026年9月15日');
    expect(formatDate('en-GB', '2026-09-15')).toBe('15 September 2026');
    expect(formatRange('zh-Hans-CN', '2026-12-01T07:00', '2026-12-01T08:00')).toBe('2026年12月1日星期二 07:00–08:00');
  });
});
