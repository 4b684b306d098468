/** App icons rendered from one SVG with sharp: 192, 512 and a maskable 512 (see lib/offline/manifest.ts). */
import type { APIRoute, InferGetStaticPropsType } from 'astro';
import { cachedSvgPng } from '../../build/cache.ts';
import { ICONS, iconSvg } from '../../lib/offline/manifest.ts';

export function getStaticPaths() {
  return ICONS.map((i) => ({ params: { icon: i.name }, props: { size: i.size, maskable: i.maskable } }));
}

export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = async ({ props: { size, maskable } }) => {
  const png = await cachedSvgPng(iconSvg(size, maskable), { compressionLevel: 9 });
  return new Response(png, { headers: { 'Content-Type': 'image/png' } });
};
