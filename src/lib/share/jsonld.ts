/** schema.org Event JSON-LD for an event page, with +08:00-style offsets from the event's own zone. */
import type { HealthEvent } from '@hc/domain/model/event.ts';
import { zonedToInstant, zoneOffsetMinutes } from '@hc/domain/calendar/zoned.ts';

/** "2026-11-28T08:00" in Asia/Shanghai → "2026-11-28T08:00:00+08:00". */
export function isoWithOffset(local: string, timeZone: string): string {
  const off = zoneOffsetMinutes(zonedToInstant(local, timeZone), timeZone);
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${local}:00${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

export type SchemaEventStatus = 'EventScheduled' | 'EventCancelled' | 'EventPostponed' | 'EventRescheduled';

/**
 * The event's schema.org status. "moved" means its time or place changed: a new time is EventRescheduled;
 * a new place alone keeps EventScheduled with the new location (as schema.org advises).
 */
export function schemaStatus(status: HealthEvent['status'], timeChanged = true): SchemaEventStatus {
  if (status === 'cancelled') return 'EventCancelled';
  if (status === 'postponed') return 'EventPostponed';
  if (status === 'moved') return timeChanged ? 'EventRescheduled' : 'EventScheduled';
  return 'EventScheduled';
}

export interface EventJsonLdInput {
  event: Pick<HealthEvent, 'timeZone' | 'organiser' | 'status'> & { signUp: HealthEvent['signUp'] };
  name: string;
  description: string;
  url: string;
  image?: string;
  /** The occurrence described (the next one, or the only one). */
  start: string;
  end: string;
  location: HealthEvent['location'];
  status: HealthEvent['status'];
  /** For a moved occurrence, its original start. */
  previousStart?: string;
  inLanguage: string;
  organiserUrl: string;
}

export function eventJsonLd(i: EventJsonLdInput): Record<string, unknown> {
  const tz = i.event.timeZone;
  const timeChanged = i.previousStart !== undefined ? i.previousStart !== i.start : true;
  const data: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: i.name,
    description: i.description,
    url: i.url,
    inLanguage: i.inLanguage,
    startDate: isoWithOffset(i.start, tz),
    endDate: isoWithOffset(i.end, tz),
    eventStatus: `https://schema.org/${schemaStatus(i.status, timeChanged)}`,
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    location: {
      '@type': 'Place',
      name: i.location.name,
      address: { '@type': 'PostalAddress', streetAddress: i.location.address, addressCountry: 'CN' },
      ...(i.location.geo
        ? { geo: { '@type': 'GeoCoordinates', latitude: i.location.geo.lat, longitude: i.location.geo.lng } }
        : {}),
    },
    organizer: { '@type': 'Organization', name: i.event.organiser, url: i.organiserUrl },
    isAccessibleForFree: true,
  };
  if (i.image) data.image = [i.image];
  if (i.previousStart && timeChanged && i.status === 'moved')
    data.previousStartDate = isoWithOffset(i.previousStart, tz);
  return data;
}

/** JSON for a <script type="application/ld+json">: "<" escaped so no text can close the script element. */
export function jsonLdScript(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

export interface StoryJsonLdInput {
  headline: string;
  description: string;
  inLanguage: string;
  image?: string;
  habits: string[];
  award: string;
  publisher: string;
}

/** schema.org Article for a healthy-family story: the habits it is about, the award, who published it. */
export function familyJsonLd(i: StoryJsonLdInput): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Article',
    headline: i.headline,
    description: i.description,
    inLanguage: i.inLanguage,
    ...(i.image ? { image: [i.image] } : {}),
    about: i.habits.map((h) => ({ '@type': 'Thing', name: h })),
    award: i.award,
    publisher: { '@type': 'Organization', name: i.publisher },
    isAccessibleForFree: true,
  };
}
