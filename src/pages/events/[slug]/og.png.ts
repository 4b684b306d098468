/** /events/<slug>/og.png: the 1200×630 image shown when the event is shared into a chat or social app. */
import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import sharp from 'sharp';
import { getEvents, getSite, now } from '../../../content/queries.ts';
import { nextOccurrences } from '../../../lib/calendar/occurrences.ts';
import { socialImageSvg } from '../../../lib/share/social-image.ts';
import { formatRange } from '../../../lib/text/format.ts';

export const getStaticPaths = (async () =>
  (await getEvents()).map((event) => ({ params: { slug: event.slug }, props: { event } }))) satisfies GetStaticPaths;
type Props = InferGetStaticPropsType<typeof getStaticPaths>;

const STATUS: Record<string, string> = { cancelled: '已取消', postponed: '已延期', moved: '时间或地点有变' };

export const GET: APIRoute<Props> = async ({ props: { event } }) => {
  const site = await getSite();
  const next = nextOccurrences(event, now().instant, 1)[0];
  const svg = socialImageSvg({
    site: site.communityName['zh-hans'],
    title: event.title,
    when: formatRange('zh-Hans-CN', next?.start ?? event.start, next?.end ?? event.end),
    where: (next?.location ?? event.location).name,
    status: STATUS[event.status],
  });
  const png = await sharp(Buffer.from(svg)).png({ compressionLevel: 9, palette: true }).toBuffer();
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
