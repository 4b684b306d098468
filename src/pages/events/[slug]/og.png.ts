/**
 * /events/<slug>/og.png: the 1200×630 image shown when the event is shared into a chat or social app.
 * In a build every image starts rendering (sharp, on its own threads) as soon as the paths are known and is
 * written after the build (src/build/files.ts), so the images are made while pages render; the dev
 * server renders each when it is asked for.
 */
import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { getEvents, getSite, now } from '../../../content/queries.ts';
import { emitBuildFile } from '../../../build/files.ts';
import { cachedSvgPng } from '../../../build/cache.ts';
import { nextOccurrences } from '@hc/domain/calendar/occurrences.ts';
import { socialImageSvg } from '../../../lib/share/social-image.ts';
import { formatRange } from '../../../lib/text/format.ts';

type Event = Awaited<ReturnType<typeof getEvents>>[number];

const STATUS: Record<string, string> = { cancelled: '已取消', postponed: '已延期', moved: '时间或地点有变' };

async function socialImage(event: Event): Promise<Uint8Array<ArrayBuffer>> {
  const site = await getSite();
  const next = nextOccurrences(event, now().instant, 1)[0];
  const svg = socialImageSvg({
    site: site.communityName['zh-hans'],
    title: event.title,
    when: formatRange('zh-Hans-CN', next?.start ?? event.start, next?.end ?? event.end),
    where: (next?.location ?? event.location).name,
    status: STATUS[event.status],
  });
  // 256 colours without dithering: the same size as dithered for flat colours and text, in three quarters of the
  // time. Made once for all builds of the same image (src/build/cache.ts).
  return cachedSvgPng(svg, { compressionLevel: 9, palette: true, dither: 0 });
}

export const getStaticPaths = (async () => {
  const events = await getEvents();
  if (import.meta.env.PROD) {
    for (const event of events) emitBuildFile(`events/${event.slug}/og.png`, socialImage(event));
    return [];
  }
  return events.map((event) => ({ params: { slug: event.slug }, props: { event } }));
}) satisfies GetStaticPaths;
type Props = InferGetStaticPropsType<typeof getStaticPaths>;

export const GET: APIRoute<Props> = async ({ props: { event } }) =>
  new Response(await socialImage(event), { headers: { 'Content-Type': 'image/png' } });
