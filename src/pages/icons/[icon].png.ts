/** App icons rendered from one SVG with sharp: 192, 512 and a maskable 512 (see lib/offline/manifest.ts). */
import type { APIRoute, InferGetStaticPropsType } from 'astro';
import sharp from 'sharp';
import { ICONS, iconSvg } from '../../lib/offline/manifest.ts';

export function getStaticPaths() {
  return ICONS.map((i) => ({ params: { icon: i.name }, props: { size: i.size, maskable: i.maskable } }));
}

export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = async ({ props: { size, maskable } }) => {
  const png = await sharp(Buffer.from(iconSvg(size, maskable)))
    .png({ compressionLevel: 9 })
    .toBuffer();
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
