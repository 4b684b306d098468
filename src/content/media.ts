/**
 * Images named in content (src relative to content/, e.g. media/families/x.jpg), as Astro image metadata for
 * the image pipeline. Only images a page actually renders are processed and emitted.
 */
import { getImage } from 'astro:assets';
import type { ImageMetadata } from 'astro';
import { isRemote, remoteImage } from '../lib/media/remote.ts';

const images = import.meta.glob<{ default: ImageMetadata }>('/content/media/**/*.{jpg,jpeg,png,webp}');

export async function imageMeta(src: string): Promise<ImageMetadata> {
  const load = images[`/content/${src.replace(/^\/+/, '')}`];
  if (!load) throw new Error(`image not found in content/media: ${src}`);
  return (await load()).default;
}

/** A 1200-pixel-wide JPEG for link previews (Open Graph), with its size. */
export async function shareImage(src: string): Promise<{ src: string; width: number; height: number }> {
  if (isRemote(src)) return remoteImage(src, [1200]);
  const meta = await imageMeta(src);
  const img = await getImage({ src: meta, width: Math.min(1200, meta.width), format: 'jpg' });
  return {
    src: img.src,
    width: Number(img.attributes.width ?? 1200),
    height: Number(img.attributes.height ?? Math.round((1200 * meta.height) / meta.width)),
  };
}
