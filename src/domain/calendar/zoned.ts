/**
 * Conversions between wall-clock times ("2026-12-01T09:00" in a zone) and instants, using Intl only,
 * so results do not depend on the TZ of the machine running the build.
 */
import { dateTimeFormat } from '../intl.ts';

/** The formatter of each zone that zoneOffsetMinutes reads (found once, not by its options on every call). */
const offsetFormats = new Map<string, Intl.DateTimeFormat>();
/**
 * Offsets already worked out, by zone and second: a build asks for the same few hundred event times on
 * thousands of pages (cards, lists, calendars), and ICU's formatToParts was a tenth of a second of them.
 */
const offsets = new Map<string, number>();
const OFFSETS_KEPT = 100_000;

/** Offset of a zone from UTC at an instant, in minutes (Asia/Shanghai → 480). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  // The formatted fields, and so the offset, depend only on the instant's whole second.
  const second = Math.floor(instant.getTime() / 1000);
  const key = `${timeZone} ${second}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = dateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  const offset = Math.round((asUtc - second * 1000) / 60000);
  if (offsets.size >= OFFSETS_KEPT) offsets.clear();
  offsets.set(key, offset);
  return offset;
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
