/**
 * What the event page, its poster and its social image show, prepared once: the event's text in the reader's
 * locale, the occurrence to show first (the next one, else the first one the series ever had), the upcoming
 * list, how many times a series meets, the page's public URLs. Pages render it; they compute nothing.
 */
import type { Locale } from '@hc/domain/locales/registry.ts';
import type { HealthEvent } from '@hc/domain/model/event.ts';
import { hasEnded } from '@hc/domain/calendar/ended.ts';
import { nextOccurrences, occurrencesBetween, type Occurrence } from '@hc/domain/calendar/occurrences.ts';
import { localePath } from '../../i18n/locales.ts';
import { localizeEvent, localizeOccurrence, type EventView } from '../../lib/localize/event.ts';
import { absoluteUrl } from '../../lib/share/links.ts';
import { localizedPaths } from '../paths.ts';
import { getEvents, now } from '../queries.ts';

/** How far ahead a series is looked at to count its meetings or find its first one (an open series never ends). */
const WINDOW_DAYS = 800;
/** How many upcoming meetings of a series the page lists. */
const UPCOMING = 8;

/** getStaticPaths of every per-event page: the event and its text in each locale. */
export const eventPaths = () =>
  localizedPaths(getEvents, (event, locale) => ({ event, text: localizeEvent(event, locale) }));

export interface EventPageView {
  /** Upcoming meetings (at most eight), in the reader's locale. */
  upcoming: Occurrence[];
  /** The meeting to show at the top: the next one, else the first of the series; undefined if it never meets. */
  first?: Occurrence;
  /** What the top shows: `first`, or the event's own start, end, status and place. */
  shown: Pick<Occurrence, 'start' | 'end' | 'key' | 'status' | 'location'>;
  /** How many meetings a series has within the window (1 for a single event). */
  total: number;
  /** Every meeting has ended. */
  isPast: boolean;
  pageUrl: string;
  imageUrl: string;
  /** The description as paragraphs. */
  paragraphs: string[];
}

export function eventPageView(event: HealthEvent, text: EventView, locale: Locale, site: URL): EventPageView {
  const at = now().instant;
  const all = occurrencesBetween(event, new Date(0), new Date(at.getTime() + WINDOW_DAYS * 86400_000));
  const upcoming = nextOccurrences(event, at, UPCOMING).map((o) => localizeOccurrence(o, locale));
  const firstAny = upcoming[0] ?? all[0];
  const first = firstAny && localizeOccurrence(firstAny, locale);
  return {
    upcoming,
    first,
    shown: first ?? {
      start: event.start,
      end: event.end,
      key: event.start,
      status: event.status,
      location: text.location,
    },
    total: event.rrule ? all.length : 1,
    isPast: hasEnded(event, at),
    pageUrl: absoluteUrl(site, localePath(locale, `/events/${event.slug}/`)),
    imageUrl: absoluteUrl(site, `/events/${event.slug}/og.png`),
    paragraphs: text.description
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean),
  };
}
