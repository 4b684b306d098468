/**
 * Dates and times for people: formatted with Intl in the page's locale. Wall-clock values are formatted in
 * UTC on purpose — they are already local to the event's zone, so no machine time zone leaks in.
 */
import { floating } from '@hc/domain/calendar/zoned.ts';
import { dateTimeFormat } from '@hc/domain/intl.ts';

/** "2026-09-15" → 2026年9月15日 / 15 September 2026 */
export function formatDate(intlLocale: string, date: string): string {
  return dateTimeFormat(intlLocale, { dateStyle: 'long', timeZone: 'UTC' }).format(floating(`${date}T00:00`));
}

/** Day heading with weekday: 12月1日 星期二 / Tuesday 1 December */
export function formatDay(intlLocale: string, local: string, withYear = false): string {
  return dateTimeFormat(intlLocale, {
    timeZone: 'UTC',
    month: 'long',
    day: 'numeric',
    weekday: 'long',
    ...(withYear ? { year: 'numeric' } : {}),
  }).format(floating(local));
}

export function formatTime(intlLocale: string, local: string): string {
  return dateTimeFormat(intlLocale, {
    timeZone: 'UTC',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(floating(local));
}

/** 2026年12月1日 星期二 09:00–10:30; a range across days names both days. */
export function formatRange(intlLocale: string, start: string, end: string): string {
  const sameDay = start.slice(0, 10) === end.slice(0, 10);
  const from = `${formatDay(intlLocale, start, true)} ${formatTime(intlLocale, start)}`;
  return sameDay
    ? `${from}–${formatTime(intlLocale, end)}`
    : `${from} – ${formatDay(intlLocale, end, true)} ${formatTime(intlLocale, end)}`;
}
