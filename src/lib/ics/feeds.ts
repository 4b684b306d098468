/** Which .ics files the site publishes: one per event, and feeds of all events and of each audience. */
import type { IcsEvent } from './calendar.ts';

export interface Feed {
  /** "all" or an audience id; the file is /events/feeds/<id>.ics */
  id: string;
  audience?: string;
  events: IcsEvent[];
}

/** The "all" feed, then one feed per audience that has at least one event (an empty VCALENDAR is not valid). */
export function feedsFor<E extends IcsEvent & { audiences: string[] }>(events: E[], audienceIds: string[]): Feed[] {
  return [
    { id: 'all', events },
    ...audienceIds
      .map((id) => ({ id, audience: id, events: events.filter((e) => e.audiences.includes(id)) }))
      .filter((f) => f.events.length > 0),
  ];
}

export const feedPath = (id: string) => `/events/feeds/${id}.ics`;
export const eventIcsPath = (slug: string) => `/events/${slug}.ics`;
