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

const MARK = Buffer.from('_astro/');
/** The name a reference runs to: up to a quote, space, `)`, `?`, `#`, `,`, `&` or `\\`. */
const NAME = /^[^"'\s)?#,&\\]+/;
/** Bytes that end a name (the ASCII ones of NAME's class; other Unicode spaces are found in the decoded name). */
const END = new Uint8Array(128);
for (const c of `"'\t\n\v\f\r )?#,&\\`) END[c.charCodeAt(0)] = 1;

/**
 * Every name after "_astro/" in a file's bytes: what /_astro\/([^"'\s)?#,&\\]+)/g finds in its text, but
 * without decoding the whole file (a build has thousands of pages and JSON files; only the names are decoded).
 */
export function assetReferences(bytes: Buffer, into: Set<string>): void {
  for (let at = bytes.indexOf(MARK); at !== -1;) {
    const start = at + MARK.length;
    let end = start;
    while (end < bytes.length && !(bytes[end]! < 128 && END[bytes[end]!])) end++;
    const text = bytes.toString('utf8', start, end);
    const name = NAME.exec(text)?.[0];
    if (name) into.add(name);
    // Like a global regular expression, the next search starts after this match (or this mark, if none).
    const next = !name ? start : name.length === text.length ? end : start + Buffer.byteLength(name);
    at = bytes.indexOf(MARK, next);
  }
}

export function unreferencedAssets(outDir: string): string[] {
  const files = walk(outDir);
  const assets = files.filter((f) => IMAGE.test(f) && f.includes(`${path.sep}_astro${path.sep}`));
  if (assets.length === 0) return [];
  const referenced = new Set<string>();
  for (const f of files.filter((x) => TEXT.test(x))) assetReferences(readFileSync(f), referenced);
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
