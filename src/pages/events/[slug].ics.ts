/**
 * /events/<slug>.ics: one event, or a whole series (RRULE, EXDATE and changed dates as RECURRENCE-ID), to add
 * to a phone calendar. One file per event, not per locale: the calendar carries the event's original
 * (Simplified Chinese) text, the language editors write and check, and its UID stays the same whichever
 * language page the resident came from, so adding it twice never makes two entries.
 */
import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { getEvents } from '../../content/queries.ts';
import { buildCalendar } from '../../lib/ics/calendar.ts';

export const getStaticPaths = (async () =>
  (await getEvents()).map((event) => ({ params: { slug: event.slug }, props: { event } }))) satisfies GetStaticPaths;
type Props = InferGetStaticPropsType<typeof getStaticPaths>;

export const GET: APIRoute<Props> = ({ props: { event }, site }) => {
  const origin = (site ?? new URL('https://health.example.org')).href;
  const body = buildCalendar([event], { origin, pageUrl: (slug) => new URL(`/events/${slug}/`, origin).href });
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
