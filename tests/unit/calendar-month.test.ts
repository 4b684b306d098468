import { describe, expect, it } from 'vitest';
import {
  addMonths,
  calendarMonths,
  filterFromQuery,
  isoWeekday,
  matchesFilter,
  monthDates,
  observancesBetween,
} from '@hc/domain/calendar/month.ts';
import type { HealthDay } from '@hc/domain/model/healthDay.ts';

describe('month arithmetic', () => {
  it('shows last month to six months ahead, across a year end', () => {
    expect(calendarMonths('2026-11-22')).toEqual([
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
      '2027-04',
      '2027-05',
    ]);
    expect(calendarMonths('2027-01-01')[0]).toBe('2026-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
  });
  it('lists the days of a month and their ISO weekday', () => {
    expect(monthDates('2028-02')).toHaveLength(29);
    expect(monthDates('2027-02').at(-1)).toBe('2027-02-28');
    expect(isoWeekday('2026-11-22')).toBe(7); // a Sunday
    expect(isoWeekday('2026-12-01')).toBe(2);
  });
});

describe('observance days', () => {
  const days: HealthDay[] = [
    {
      id: 'aids',
      name: { 'zh-hans': '世界艾滋病日' },
      rule: { calendar: 'gregorian', month: 12, day: 1, days: 1 },
      topics: [],
      audiences: [],
    },
    {
      id: 'week',
      name: { 'zh-hans': '宣传周' },
      rule: { calendar: 'gregorian', month: 4, day: 15, days: 7 },
      topics: [],
      audiences: [],
    },
    {
      id: 'leap',
      name: { 'zh-hans': '闰日' },
      rule: { calendar: 'gregorian', month: 2, day: 29, days: 1 },
      topics: [],
      audiences: [],
    },
  ];
  it('places fixed days, spreads a week over its days, and skips 29 February in common years', () => {
    const list = observancesBetween(days, '2026-10-01', '2028-04-30');
    expect(list.filter((d) => d.id === 'aids').map((d) => d.date)).toEqual(['2026-12-01', '2027-12-01']);
    expect(list.filter((d) => d.id === 'week').map((d) => d.date)).toEqual([
      '2027-04-15',
      '2027-04-16',
      '2027-04-17',
      '2027-04-18',
      '2027-04-19',
      '2027-04-20',
      '2027-04-21',
      '2028-04-15',
      '2028-04-16',
      '2028-04-17',
      '2028-04-18',
      '2028-04-19',
      '2028-04-20',
      '2028-04-21',
    ]);
    expect(list.filter((d) => d.id === 'leap').map((d) => d.date)).toEqual(['2028-02-29']);
  });
});

describe('filters', () => {
  const e = { audiences: ['elders', 'carers'], type: 'screening', topics: ['chronic-disease'] };
  it('matches one dimension at a time', () => {
    expect(matchesFilter(e, null)).toBe(true);
    expect(matchesFilter(e, { dim: 'for', value: 'elders' })).toBe(true);
    expect(matchesFilter(e, { dim: 'for', value: 'children' })).toBe(false);
    expect(matchesFilter(e, { dim: 'type', value: 'screening' })).toBe(true);
    expect(matchesFilter(e, { dim: 'topic', value: 'exercise' })).toBe(false);
  });
  it('reads the filter from the address', () => {
    expect(filterFromQuery('?type=screening')).toEqual({ dim: 'type', value: 'screening' });
    expect(filterFromQuery('?for=elders&topic=diet')).toEqual({ dim: 'for', value: 'elders' });
    expect(filterFromQuery('?for=<script>')).toBeNull();
    expect(filterFromQuery('')).toBeNull();
  });
});
