/**
 * /events/feeds/all.ics and /events/feeds/<audience>.ics: calendars a phone subscribes to and refreshes, so a
 * change (SEQUENCE raised) or a cancellation (STATUS:CANCELLED) reaches residents who added them.
 */
import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { getAudiences, getEvents, getSite } from '../../../content/queries.ts';
import { buildCalendar } from '../../../lib/ics/calendar.ts';
import { feedsFor } from '../../../lib/ics/feeds.ts';

export const getStaticPaths = (async () => {
  const [events, audiences, settings] = await Promise.all([getEvents(), getAudiences(), getSite()]);
  return feedsFor(
    events,
    audiences.map((a) => a.id),
  ).map((feed) => {
    const audience = audiences.find((a) => a.id === feed.audience);
    const calName = `${settings.communityName['zh-hans']} · ${audience ? `${audience.name['zh-hans']}活动` : '全部活动'}`;
    return { params: { feed: feed.id }, props: { events: feed.events, calName } };
  });
}) satisfies GetStaticPaths;
type Props = InferGetStaticPropsType<typeof getStaticPaths>;

export const GET: APIRoute<Props> = ({ props: { events, calName }, site }) => {
  const origin = (site ?? new URL('https://health.example.org')).href;
  const body = buildCalendar(events, {
    origin,
    calName,
    pageUrl: (slug) => new URL(`/events/${slug}/`, origin).href,
  });
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
