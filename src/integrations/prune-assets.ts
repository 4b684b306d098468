/**
 * After the build, deletes image files under _astro/ that no page, stylesheet, script or feed refers to.
 * Vite emits an original for every image the content glob can import, including originals we never serve
 * (pages use the resized AVIF/WebP/JPEG) and the pictures of a family that has been hidden. Removing what
 * nothing refers to keeps dist/ small and makes "hidden leaves nothing behind" true for images too.
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const IMAGE = /\.(avif|webp|jpe?g|png|gif)$/i;
const TEXT = /\.(html|css|js|mjs|json|xml|txt|ics|webmanifest|svg)$/i;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) =>
    statSync(path.join(dir, n)).isDirectory() ? walk(path.join(dir, n)) : [path.join(dir, n)],
  );
}

export function unreferencedAssets(outDir: string): string[] {
  const files = walk(outDir);
  const assets = files.filter((f) => IMAGE.test(f) && f.includes(`${path.sep}_astro${path.sep}`));
  if (assets.length === 0) return [];
  const referenced = new Set<string>();
  for (const f of files.filter((x) => TEXT.test(x))) {
    for (const m of readFileSync(f, 'utf8').matchAll(/_astro\/([^"'\s)?#,&\\]+)/g)) referenced.add(m[1]);
  }
  return assets.filter((f) => !referenced.has(path.basename(f)));
}

export default function pruneAssets(): AstroIntegration {
  return {
    name: 'prune-assets',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const unused = unreferencedAssets(outDir);
        for (const f of unused) rmSync(f);
        logger.info(`removed ${unused.length} image files nothing refers to`);
      },
    },
  };
}
