/**
 * Occurrences of events, single or recurring (RRULE with EXDATE and per-occurrence changes), computed with
 * `rrule` on floating wall-clock times and converted to instants in the event's own zone.
 */
import type { HealthEvent } from '../model/event.ts';
import { seriesStarts } from './series.ts';
import { floating, formatFloating, zonedToInstant } from './zoned.ts';

export type OccurrenceStatus = HealthEvent['status'];

export interface Occurrence {
  slug: string;
  /** The occurrence's original local start, which identifies it within its series. */
  key: string;
  /** Local wall-clock start and end in the event's zone (after any move). */
  start: string;
  end: string;
  startInstant: Date;
  endInstant: Date;
  timeZone: string;
  status: OccurrenceStatus;
  location: HealthEvent['location'];
  note?: string;
}

type EventLike = Pick<
  HealthEvent,
  'slug' | 'start' | 'end' | 'timeZone' | 'rrule' | 'exceptions' | 'overrides' | 'status' | 'location' | 'statusNote'
>;

/**
 * Occurrences whose end is after `from` and whose start is before `to`, sorted by start.
 * Exceptions are dropped; overrides change the status, time or place of one occurrence; the event's own
 * status (e.g. the whole series cancelled) applies to every occurrence not otherwise overridden.
 */
export function occurrencesBetween(event: EventLike, from: Date, to: Date): Occurrence[] {
  const durationMs = floating(event.end).getTime() - floating(event.start).getTime();
  const exceptions = new Set(event.exceptions);
  const overrides = new Map(event.overrides.map((o) => [o.occurrence, o]));
  const out: Occurrence[] = [];
  for (const key of seriesStarts(event, to)) {
    if (exceptions.has(key)) continue;
    const o = overrides.get(key);
    const start = o?.start ?? key;
    const end =
      o?.end ??
      (o?.start
        ? formatFloating(new Date(floating(o.start).getTime() + durationMs))
        : formatFloating(new Date(floating(key).getTime() + durationMs)));
    const startInstant = zonedToInstant(start, event.timeZone);
    const endInstant = zonedToInstant(end, event.timeZone);
    if (endInstant <= from || startInstant >= to) continue;
    out.push({
      slug: event.slug,
      key,
      start,
      end,
      startInstant,
      endInstant,
      timeZone: event.timeZone,
      status: o?.status ?? event.status,
      location: o?.location ?? event.location,
      note: o?.note ?? (event.status !== 'scheduled' ? event.statusNote : undefined),
    });
  }
  return out.sort((a, b) => a.startInstant.getTime() - b.startInstant.getTime());
}

/** The next `count` occurrences of an event from `now` (searching at most `horizonDays` ahead). */
export function nextOccurrences(event: EventLike, now: Date, count: number, horizonDays = 400): Occurrence[] {
  return occurrencesBetween(event, now, new Date(now.getTime() + horizonDays * 86400_000)).slice(0, count);
}

/** Upcoming occurrences of many events, merged and sorted. */
export function upcoming(events: EventLike[], now: Date, days: number): Occurrence[] {
  const to = new Date(now.getTime() + days * 86400_000);
  return events
    .flatMap((e) => occurrencesBetween(e, now, to))
    .sort((a, b) => a.startInstant.getTime() - b.startInstant.getTime() || a.slug.localeCompare(b.slug));
}

/**
 * Each occurrence with the event it belongs to, in the same order: what an event card or a calendar cell
 * shows. The one place occurrences are joined to their events by slug; an occurrence whose event is not in
 * `events` is a programming error and says so.
 */
export function withEvents<E extends { slug: string }>(
  occurrences: Occurrence[],
  events: E[],
): Array<{ o: Occurrence; e: E }> {
  const bySlug = new Map(events.map((e) => [e.slug, e]));
  return occurrences.map((o) => {
    const e = bySlug.get(o.slug);
    if (!e) throw new Error(`occurrence ${o.key} belongs to event "${o.slug}", which is not in the list given`);
    return { o, e };
  });
}
