/**
 * Publishes content/media (images and audio named in content) at /media/: served by the dev server and
 * copied into the build output. Content names files as media/…, relative to content/.
 */
import { cpSync, createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const TYPES: Record<string, string> = {
  '.mp3': 'audio/mpeg', '.ogg': 'audio/ogg', '.opus': 'audio/ogg', '.m4a': 'audio/mp4',
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp', '.avif': 'image/avif', '.svg': 'image/svg+xml',
};

export default function contentMedia(contentDir = 'content'): AstroIntegration {
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
      'astro:build:done': ({ dir, logger }) => {
        if (!existsSync(source)) return;
        const target = path.join(fileURLToPath(dir), 'media');
        cpSync(source, target, { recursive: true });
        logger.info(`copied content/media to ${path.relative(process.cwd(), target)}`);
      },
    },
  };
}
