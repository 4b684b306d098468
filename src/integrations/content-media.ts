/**
 * Publishes the audio named in content at /media/…: served by the dev server, and copied into the build output
 * — only the files that published entries refer to, so nothing of a hidden or deleted entry is left in dist/.
 * Images do not come this way: they go through Astro's image pipeline (src/content/media.ts).
 */
import { cpSync, createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { getContentSet } from '../content/loaders/source.ts';

const TYPES: Record<string, string> = {
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.m4a': 'audio/mp4',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
};

export default function contentMedia(contentDir = process.env.CONTENT_DIR ?? 'content'): AstroIntegration {
  const source = path.resolve(contentDir, 'media');
  return {
    name: 'content-media',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((req, res, next) => {
          const url = decodeURIComponent((req.url ?? '').split('?')[0]);
          if (!url.startsWith('/media/')) return next();
          const file = path.join(source, url.slice('/media/'.length));
          if (!file.startsWith(source + path.sep) || !existsSync(file) || !statSync(file).isFile()) return next();
          res.setHeader('Content-Type', TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream');
          createReadStream(file).pipe(res);
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const set = await getContentSet();
        // Audio uploaded in Sanity (a CDN URL) is linked from the CDN, not copied.
        const used = set.articles
          .flatMap((a) => a.data.audio.map((t) => t.src))
          .filter((src) => !/^https?:\/\//.test(src));
        const root = path.dirname(source);
        for (const src of used) {
          const target = path.join(fileURLToPath(dir), src);
          mkdirSync(path.dirname(target), { recursive: true });
          cpSync(path.join(root, src), target);
        }
        logger.info(`published ${used.length} audio files from content/media`);
      },
    },
  };
}
