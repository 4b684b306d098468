/** Dates as the community sees them: wall-clock dates in Asia/Shanghai, whatever the build machine's zone. */
import { dateTimeFormat } from './intl.ts';

export const SITE_TIME_ZONE = 'Asia/Shanghai';

/** The last answer per time zone, by the second (offsets change on whole seconds): the service asks once a request. */
const lastLocalDate = new Map<string, { second: number; date: string }>();

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: Date, timeZone = SITE_TIME_ZONE): string {
  const second = Math.floor(instant.getTime() / 1000);
  const last = lastLocalDate.get(timeZone);
  if (last?.second === second) return last.date;
  const parts = dateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  lastLocalDate.set(timeZone, { second, date });
  return date;
}

/**
 * The moment the build considers "now". BUILD_NOW (an ISO instant) pins it for reproducible builds and tests.
 */
export function buildNow(env: Record<string, string | undefined> = process.env): Date {
  const pinned = env.BUILD_NOW;
  if (pinned) {
    const d = new Date(pinned);
    if (Number.isNaN(d.getTime())) throw new Error(`BUILD_NOW is not a valid date: "${pinned}"`);
    return d;
  }
  return new Date();
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** An instant as a Chinese reader reads it in the community's zone, to the minute (2026年12月6日 13:05). */
export function chinaDateTime(iso: string): string {
  return dateTimeFormat('zh-CN', {
    timeZone: SITE_TIME_ZONE,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}
