/**
 * The first visit's byte budget over the built site (deterministic, so it gates npm test; `npm run bench:pwa`
 * measures the same visit in Chromium): opening a locale's home page once costs the page with its CSS/JS, sw.js,
 * pwa.js and that locale's precache — at most 200 KB gzip. The precache holds no page of another locale, no
 * self-check (React), no search index and no article.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { entriesFor, OFFLINE_LOCALES } from '../../src/lib/offline/names.ts';
import { pageResources } from '../../scripts/bench/lib/resources.ts';
import { precacheManifest } from '../../src/pwa/index.ts';
import { DIST } from '../helpers/env.ts';

const FIRST_VISIT_BUDGET = 200_000;
const built = existsSync(path.join(DIST, 'sw.js'));
const gz = (file: string) => gzipSync(readFileSync(path.join(DIST, file)), { level: 9 }).length;
const read = (url: string) => {
  const file = path.join(DIST, decodeURIComponent(url.split('?')[0]), url.endsWith('/') ? 'index.html' : '');
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
};

describe.skipIf(!built)('first visit with the service worker', async () => {
  const { manifest } = built ? await precacheManifest(DIST) : { manifest: [] };

  it.each(OFFLINE_LOCALES)('%s: home page + sw.js + pwa.js + the locale precache ≤ 200 KB gzip', (locale) => {
    const home = locale === OFFLINE_LOCALES[0] ? '/' : `/${locale}/`;
    const page = pageResources(home, read(home)!, read);
    const entries = entriesFor(manifest, locale);
    const precache = entries.reduce((n, e) => n + gz(e.url), 0);
    const total = page.total + gz('sw.js') + gz('pwa.js') + precache;
    expect(
      total,
      `page ${page.total} + sw.js ${gz('sw.js')} + pwa.js ${gz('pwa.js')} + precache ${precache} (${entries.length} files)`,
    ).toBeLessThanOrEqual(FIRST_VISIT_BUDGET);
  });

  it.each(OFFLINE_LOCALES)(
    '%s: the precache holds only this locale, and no self-check, search index or article',
    (locale) => {
      const urls = entriesFor(manifest, locale).map((e) => `/${e.url}`);
      const others = OFFLINE_LOCALES.filter((l) => l !== locale && l !== OFFLINE_LOCALES[0]);
      const stray = urls.filter(
        (u) =>
          others.some((l) => u.startsWith(`/${l}/`)) ||
          (locale !== OFFLINE_LOCALES[0] && u.endsWith('.html') && !u.startsWith(`/${locale}/`) && u !== '/404.html') ||
          /\/self-check\/[^/]+\/|\/articles\/[^/]+\/|^\/search-index\//.test(u) ||
          /react-dom|react\.transitional/.test(u.endsWith('.js') ? (read(u) ?? '') : ''),
      );
      expect(stray).toEqual([]);
      expect(urls).toContain(locale === OFFLINE_LOCALES[0] ? '/index.html' : `/${locale}/index.html`);
    },
  );
});
