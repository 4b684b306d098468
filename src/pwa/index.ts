/**
 * The offline integration: after Astro has written dist/, bundles the page-side PWA script (pwa.js) and the
 * service worker (sw.js) with esbuild, with the precache manifest built in: the shell and hubs of each locale
 * and the CSS/JS they load, each with a revision (workbox-build), so every deploy is one atomic set. Each entry
 * names the locales it serves; a reader's service worker installs only its locale's (sw.js?locale=…).
 * Everything else — other locales, articles, the self-checks with React, search indexes, pictures — is cached
 * at run time when first used. Add it last in astro.config.mjs so it sees every other integration's output.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
// The one function used, from its own module: the package's index loads every workbox-build command (Rollup,
// Babel, Terser …), about 0.8 s at the start of every build.
import { getManifest } from 'workbox-build/build/get-manifest.js';
import sharp from 'sharp';
import { entriesFor, OFFLINE_LOCALES, type LocaleEntry, type ManifestEntry } from '../lib/offline/names.ts';
import { LOCALES, registry } from '@hc/domain/locales/registry.ts';
import { tagLocales } from '../lib/offline/precache.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const LOCALE = registry.prefixGlob;

/**
 * Pages the service worker precaches (relative to dist/), each for its own locale only: the home, offline and
 * simple pages and the hubs. Articles and events are saved on request; self-checks (React) and topic pages are
 * cached when first opened.
 */
export const PRECACHE_PAGES = [
  `${LOCALE}index.html`,
  `${LOCALE}offline/index.html`,
  `${LOCALE}simple/index.html`,
  `${LOCALE}{audiences,topics,articles,events,self-check,search}/index.html`,
  `${LOCALE}audiences/*/index.html`,
];
/** Hashed CSS/JS: precached for the locales whose precached pages load them, else left to run-time caching. */
const PRECACHE_ASSETS = ['_astro/*.{js,css}'];
/** Precached for every locale. */
const PRECACHE_SHARED = ['pwa.js', 'manifest.webmanifest', 'favicon.svg', 'icons.svg'];

export interface PwaBuildResult {
  /** Files precached per locale. */
  count: Record<string, number>;
  /** Raw bytes precached per locale. */
  size: Record<string, number>;
  warnings: string[];
}

/** A reader of site URLs ("/en/", "/_astro/x.js") from a built site. */
function siteReader(dir: string): (url: string) => string | null {
  return (url) => {
    let file = path.join(dir, decodeURIComponent(url.split('?')[0]));
    if (url.endsWith('/')) file = path.join(file, 'index.html');
    return existsSync(file) && statSync(file).isFile() ? readFileSync(file, 'utf8') : null;
  };
}

/** workbox-build's manifest entries of the files a set of globs matches in a built site. */
async function listed(dir: string, globPatterns: string[], warnings: string[]): Promise<ManifestEntry[]> {
  const r = await getManifest({
    globDirectory: dir,
    globPatterns,
    globIgnores: ['sw.js'],
    maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
    // Hashed file names are their own revision.
    dontCacheBustURLsMatching: /^_astro\//,
  });
  warnings.push(...r.warnings);
  return r.manifestEntries.map(({ url, revision }) => ({ url, revision: revision ?? null }));
}

/**
 * The precache manifest in two steps: the pages and hashed assets, tagged with their locales (reading every
 * page and hashing every file), and the shared files, listed again by `withShared` after pwa.js is rewritten.
 * buildPwa needs the manifest before and after writing pwa.js, and only pwa.js changes in between.
 */
async function precacheParts(dir: string) {
  const warnings: string[] = [];
  const [pages, assets] = await Promise.all([
    listed(dir, PRECACHE_PAGES, warnings),
    listed(dir, PRECACHE_ASSETS, warnings),
  ]);
  const tagged = tagLocales(pages, assets, [], siteReader(dir));
  const withShared = async () => {
    const w: string[] = [];
    const shared = await listed(dir, PRECACHE_SHARED, w);
    return { manifest: [...tagged, ...shared], warnings: [...warnings, ...w] };
  };
  return { withShared };
}

/** The tagged precache manifest of a built site (entries carry the locales they serve). */
export async function precacheManifest(dir: string): Promise<{ manifest: LocaleEntry[]; warnings: string[] }> {
  return (await precacheParts(dir)).withShared();
}

/**
 * The update and install bars' words and the number format of every locale, keyed by the locale's html lang in
 * lower case (pwa.js reads <html lang>; pages carry no template). The source locale's is also under ''.
 */
function barStrings(): Record<string, Record<string, string>> {
  const keys = ['updateReady', 'update', 'installText', 'install', 'notNow'];
  const entries = LOCALES.map((l) => {
    const ui = JSON.parse(readFileSync(path.join(here, '..', 'i18n', 'ui', `${l}.json`), 'utf8')) as {
      offline: Record<string, string>;
    };
    return [
      registry.info[l].htmlLang.toLowerCase(),
      { ...Object.fromEntries(keys.map((k) => [k, ui.offline[k]])), intl: registry.info[l].intl },
    ] as const;
  });
  return Object.fromEntries([...entries, ['', entries[0]![1]]]);
}

/** 1×1 AVIF and WebP images: the page stores only the picture formats the browser can decode. */
async function imageProbes(): Promise<Record<string, string>> {
  const pixel = () => sharp({ create: { width: 1, height: 1, channels: 3, background: '#ffffff' } });
  const avif = await pixel().avif({ quality: 30 }).toBuffer();
  const webp = await pixel().webp({ quality: 30 }).toBuffer();
  return {
    'image/avif': `data:image/avif;base64,${avif.toString('base64')}`,
    'image/webp': `data:image/webp;base64,${webp.toString('base64')}`,
  };
}

/** Builds pwa.js and sw.js into an already built site directory (tests call this on a copied dist/). */
export async function buildPwa(dir: string): Promise<PwaBuildResult> {
  // The build id: a hash of every precached file's revision (the same site gives the same id and the same pwa.js).
  const parts = await precacheParts(dir);
  const before = (await parts.withShared()).manifest.filter((e) => e.url !== 'pwa.js');
  const buildId = createHash('sha256')
    .update(JSON.stringify(before.map((e) => [e.url, e.revision])))
    .digest('hex')
    .slice(0, 12);
  const common = {
    bundle: true,
    minify: true,
    target: 'es2022',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  } as const;
  await build({
    ...common,
    entryPoints: [path.join(here, 'client.ts')],
    outfile: path.join(dir, 'pwa.js'),
    format: 'esm',
    define: {
      ...common.define,
      __IMAGE_PROBES__: JSON.stringify(await imageProbes()),
      __PWA_STRINGS__: JSON.stringify(barStrings()),
      __BUILD_ID__: JSON.stringify(buildId),
    },
  });
  // Only pwa.js has changed since: the pages and assets are not listed, read and hashed again.
  const { manifest, warnings } = await parts.withShared();
  await build({
    ...common,
    entryPoints: [path.join(here, 'sw.ts')],
    outfile: path.join(dir, 'sw.js'),
    format: 'iife',
    define: { ...common.define, __PRECACHE__: JSON.stringify(manifest) },
  });
  const count: Record<string, number> = {};
  const size: Record<string, number> = {};
  for (const locale of OFFLINE_LOCALES) {
    const entries = entriesFor(manifest, locale);
    count[locale] = entries.length;
    size[locale] = entries.reduce((n, e) => n + statSync(path.join(dir, e.url)).size, 0);
  }
  return { count, size, warnings };
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
        const each = Object.keys(count)
          .map((l) => `${l} ${count[l]} files ${(size[l] / 1000).toFixed(0)} kB`)
          .join(', ');
        logger.info(`service worker: precache per locale (raw): ${each}; sw.js ${(sw / 1000).toFixed(1)} kB`);
      },
    },
  };
}
