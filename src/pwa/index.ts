/**
 * The offline integration: after Astro has written dist/, bundles the page-side PWA script (pwa.js) and the
 * service worker (sw.js) with esbuild, then lets workbox-build inject the precache manifest — the shell, CSS/JS,
 * offline pages, hubs, icons and search indexes, each with a revision, so every deploy is one atomic set.
 * Add it last in astro.config.mjs so it sees every other integration's output.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { getManifest, injectManifest } from 'workbox-build';
import sharp from 'sharp';

const here = path.dirname(fileURLToPath(import.meta.url));
const LOCALE = '{zh-hant/,yue/,en/,}';

/** What the service worker precaches, relative to dist/. Articles and events are saved on request instead. */
export const PRECACHE_GLOBS = [
  `${LOCALE}index.html`,
  `${LOCALE}offline/index.html`,
  `${LOCALE}{audiences,topics,articles,events,self-check,search}/index.html`,
  `${LOCALE}{audiences,topics,self-check}/*/index.html`,
  `${LOCALE}simple/index.html`,
  '404.html',
  '_astro/*.{js,css}',
  'pwa.js',
  'manifest.webmanifest',
  'favicon.svg',
  'icons.svg',
  'icons/*.png',
  // Search: each locale's manifest only; shards and doc files are cached as they are used (src/pwa/search-route.ts).
  'search-index/*/*.json',
  'pagefind/**/*.{js,css,json}',
];

/** The precache patterns for a built site: optional features' folders (search indexes) only when they exist. */
export function precacheGlobs(dir: string): string[] {
  return PRECACHE_GLOBS.filter((g) => !/^(search-index|pagefind)\//.test(g) || existsSync(path.join(dir, g.split('/')[0])));
}

export interface PwaBuildResult {
  count: number;
  size: number;
  warnings: string[];
}

/** The update and install bars' words in every locale (pwa.js builds the bars; pages carry no template). */
function barStrings(): Record<string, Record<string, string>> {
  const keys = ['updateReady', 'update', 'installText', 'install', 'notNow'];
  return Object.fromEntries(
    ['zh-hans', 'zh-hant', 'yue', 'en'].map((l) => {
      const ui = JSON.parse(readFileSync(path.join(here, '..', 'i18n', 'ui', `${l}.json`), 'utf8')) as { offline: Record<string, string> };
      return [l, Object.fromEntries(keys.map((k) => [k, ui.offline[k]]))];
    }),
  );
}

/** 1×1 AVIF and WebP images: the page stores only the picture formats the browser can decode. */
async function imageProbes(): Promise<Record<string, string>> {
  const pixel = () => sharp({ create: { width: 1, height: 1, channels: 3, background: '#ffffff' } });
  const avif = await pixel().avif({ quality: 30 }).toBuffer();
  const webp = await pixel().webp({ quality: 30 }).toBuffer();
  return { 'image/avif': `data:image/avif;base64,${avif.toString('base64')}`, 'image/webp': `data:image/webp;base64,${webp.toString('base64')}` };
}

/** Builds pwa.js and sw.js into an already built site directory (tests call this on a copied dist/). */
export async function buildPwa(dir: string): Promise<PwaBuildResult> {
  const globs = {
    globDirectory: dir,
    globPatterns: precacheGlobs(dir),
    globIgnores: ['sw.js', 'pwa.js'],
    maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
  };
  // The build id: a hash of every precached file's revision (the same site gives the same id and the same pwa.js).
  const { manifestEntries } = await getManifest(globs);
  const buildId = createHash('sha256').update(JSON.stringify(manifestEntries.map((e) => [e.url, e.revision]))).digest('hex').slice(0, 12);
  const common = { bundle: true, minify: true, target: 'es2022', legalComments: 'none', define: { 'process.env.NODE_ENV': '"production"' }, logLevel: 'warning' } as const;
  await build({
    ...common,
    entryPoints: [path.join(here, 'client.ts')],
    outfile: path.join(dir, 'pwa.js'),
    format: 'esm',
    define: { ...common.define, __IMAGE_PROBES__: JSON.stringify(await imageProbes()), __PWA_STRINGS__: JSON.stringify(barStrings()), __BUILD_ID__: JSON.stringify(buildId) },
  });
  const tmp = mkdtempSync(path.join(tmpdir(), 'hc-sw-'));
  try {
    const swSrc = path.join(tmp, 'sw.js');
    await build({ ...common, entryPoints: [path.join(here, 'sw.ts')], outfile: swSrc, format: 'iife' });
    const { count, size, warnings } = await injectManifest({
      swSrc,
      swDest: path.join(dir, 'sw.js'),
      ...globs,
      globIgnores: ['sw.js'],
      // Hashed file names are their own revision.
      dontCacheBustURLsMatching: /^_astro\//,
    });
    return { count, size, warnings };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export default function pwa(): AstroIntegration {
  return {
    name: 'pwa',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const { count, size, warnings } = await buildPwa(out);
        for (const w of warnings) logger.warn(w);
        const sw = statSync(path.join(out, 'sw.js')).size;
        logger.info(`service worker: ${count} files precached (${(size / 1e6).toFixed(2)} MB), sw.js ${(sw / 1000).toFixed(1)} kB`);
      },
    },
  };
}
