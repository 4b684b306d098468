/**
 * The calendar views' date arithmetic and grouping: which months are shown, the days of a month grid,
 * observance days in a range, and the audience/type/topic filters. Dates are "YYYY-MM-DD" / "YYYY-MM"
 * strings in the community's zone, so nothing depends on the build machine's time zone.
 */
import type { HealthDay } from '../model/healthDay.ts';
import { addDays } from '../time.ts';
import { lunarDateInYear, lunarDatesInYear } from './lunar.ts';

/** "2026-11" plus `n` months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

/** Months shown as grids: from last month to six months ahead of today's month (8 months). */
export function calendarMonths(today: string, before = 1, after = 6): string[] {
  const current = today.slice(0, 7);
  return Array.from({ length: before + after + 1 }, (_, i) => addMonths(current, i - before));
}

export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** ISO weekday of a date: Monday 1 … Sunday 7 (weeks in China start on Monday). */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
}

/** Every date of a month, in order. */
export function monthDates(month: string): string[] {
  return Array.from({ length: daysInMonth(month) }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/** One observance falling on one date. */
export interface ObservanceDay {
  id: string;
  date: string;
  /** First date of a multi-day observance (a 宣传周), and its length. */
  firstDate: string;
  days: number;
  day: HealthDay;
}

/** First dates of an observance in a Gregorian year (a lunar day usually once, possibly never or twice). */
export function observanceStarts(day: HealthDay, year: number): string[] {
  const { rule } = day;
  if (rule.calendar === 'gregorian') {
    const date = `${year}-${String(rule.month).padStart(2, '0')}-${String(rule.day).padStart(2, '0')}`;
    // 29 February and the like only exist in some years.
    return addDays(date, 0) === date ? [date] : [];
  }
  const name = `the observance "${day.id}"`;
  // Mid-year lunar days fall exactly once a Gregorian year; insist on it so a wrong calendar stops the build.
  if (rule.month >= 2 && rule.month <= 10 && rule.day <= 29) return [lunarDateInYear(year, rule.month, rule.day, name)];
  return lunarDatesInYear(year, rule.month, rule.day);
}

/** Every observance date between `from` and `to` (inclusive), sorted by date then id. */
export function observancesBetween(days: HealthDay[], from: string, to: string): ObservanceDay[] {
  const out: ObservanceDay[] = [];
  const y0 = Number(from.slice(0, 4)) - 1;
  const y1 = Number(to.slice(0, 4));
  for (const day of days) {
    for (let y = y0; y <= y1; y++) {
      for (const first of observanceStarts(day, y)) {
        for (let i = 0; i < day.rule.days; i++) {
          const date = addDays(first, i);
          if (date >= from && date <= to) out.push({ id: day.id, date, firstDate: first, days: day.rule.days, day });
        }
      }
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
}

/** The three filter dimensions and their URL segments: /events/for/<audience>/, /type/<type>/, /topic/<topic>/. */
export const FILTER_DIMENSIONS = ['for', 'type', 'topic'] as const;
export type FilterDimension = (typeof FILTER_DIMENSIONS)[number];
export interface EventFilter {
  dim: FilterDimension;
  value: string;
}

export interface Filterable {
  audiences: string[];
  type: string;
  topics: string[];
}

export function matchesFilter(event: Filterable, filter: EventFilter | null | undefined): boolean {
  if (!filter) return true;
  if (filter.dim === 'for') return event.audiences.includes(filter.value);
  if (filter.dim === 'type') return event.type === filter.value;
  return event.topics.includes(filter.value);
}

/** Reads ?for=elders / ?type=screening / ?topic=exercise (the first known dimension wins). */
export function filterFromQuery(search: string): EventFilter | null {
  const params = new URLSearchParams(search);
  for (const dim of FILTER_DIMENSIONS) {
    const value = params.get(dim);
    if (value && /^[a-z0-9-]+$/.test(value)) return { dim, value };
  }
  return null;
}

/** Groups items by a date key, keeping order of first appearance. */
export function groupByDate<T>(items: T[], dateOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = dateOf(item);
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}
