/**
 * Conversions between wall-clock times ("2026-12-01T09:00" in a zone) and instants, using Intl only,
 * so results do not depend on the TZ of the machine running the build.
 */
import { dateTimeFormat } from '../intl.ts';

/** Offset of a zone from UTC at an instant, in minutes (Asia/Shanghai → 480). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = dateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/** Parses "YYYY-MM-DDTHH:mm" as wall-clock fields held in a UTC Date (a "floating" time). */
export function floating(local: string): Date {
  const [date, time] = local.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = (time ?? '00:00').split(':').map(Number);
  return new Date(Date.UTC(y, m - 1, d, hh, mm));
}

/** Formats a floating Date back to "YYYY-MM-DDTHH:mm". */
export function formatFloating(f: Date): string {
  return f.toISOString().slice(0, 16);
}

/** The instant at which a wall-clock time occurs in a zone. */
export function zonedToInstant(local: string, timeZone: string): Date {
  const f = floating(local).getTime();
  // Two passes settle the offset even across a DST change.
  let guess = f - zoneOffsetMinutes(new Date(f), timeZone) * 60000;
  guess = f - zoneOffsetMinutes(new Date(guess), timeZone) * 60000;
  return new Date(guess);
}

/** The wall-clock time ("YYYY-MM-DDTHH:mm") of an instant in a zone. */
export function instantToZoned(instant: Date, timeZone: string): string {
  return formatFloating(new Date(instant.getTime() + zoneOffsetMinutes(instant, timeZone) * 60000));
}
