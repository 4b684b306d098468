/**
 * A lightweight placeholder for a picture: a 16-pixel-wide, blurred WebP as a data URL (a few hundred bytes),
 * shown as the image's background until the real image arrives. Made once per file at build time.
 */
import sharp from 'sharp';

const cache = new Map<string, Promise<string>>();

export function placeholderFor(file: string): Promise<string> {
  let p = cache.get(file);
  if (!p) {
    p = sharp(file)
      .resize(16)
      .blur(1)
      .webp({ quality: 40 })
      .toBuffer()
      .then((buf) => `data:image/webp;base64,${buf.toString('base64')}`);
    cache.set(file, p);
  }
  return p;
}
