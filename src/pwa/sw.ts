/// <reference lib="webworker" />
/**
 * The service worker (bundled with esbuild, then workbox-build injects the precache manifest).
 * - Precache: the shell and hubs of the reader's locale (the locale in this script's URL, /sw.js?locale=en: the
 *   locale of the page that installed it) and the CSS/JS they load — one revisioned set per deploy, so a
 *   version's HTML and the assets it names arrive together; entries of older deploys are deleted on activate.
 *   Other locales, articles, self-checks (React), search indexes and pictures are cached when first used.
 * - Pages: network first (3 s), then the reader's saved copy, a copy met while browsing, the precached copy,
 *   and at last the offline page of the page's language (cached when that language is first visited), else of
 *   the reader's — never the browser's error page.
 * - CSS/JS: stale-while-revalidate; also found in the saved cache (pages saved under an older deploy keep the
 *   hashed files they were built with).
 * - Images: cache first with a bounded, expiring cache; saved pictures are found there too.
 * - A new version waits until the reader presses "update" (SKIP_WAITING); never a forced reload.
 */
import { addRoute, cleanupOutdatedCaches, matchPrecache, precache } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst, StaleWhileRevalidate } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { clientsClaim } from 'workbox-core';
import type { WorkboxPlugin } from 'workbox-core/types.js';
import {
  ASSETS_CACHE,
  IMAGES_CACHE,
  PAGES_MAX_ENTRIES,
  IMAGES_MAX_AGE_SECONDS,
  IMAGES_MAX_ENTRIES,
  NETWORK_TIMEOUT_SECONDS,
  PAGES_CACHE,
  KEEP_LANDING_PAGE,
  SAVED_CACHE,
  SKIP_WAITING,
  entriesFor,
  localeOfPath,
  offlinePathFor,
  parseOfflineLocale,
  type LocaleEntry,
} from '../lib/offline/names.ts';
import { registerSearchIndexRoute } from './search-route.ts';
import { withModuleImports } from '../lib/offline/precache.ts';

declare const self: ServiceWorkerGlobalScope;
/** Every locale's precache entries, each naming its locales (written in by src/pwa/index.ts). */
declare const __PRECACHE__: LocaleEntry[];

/** The reader's locale: the one the page that registered this worker was in. */
const LOCALE = parseOfflineLocale(new URL(self.location.href).searchParams.get('locale'));
const OWN_OFFLINE_PAGE = `${offlinePathFor(LOCALE === 'zh-hans' ? '/' : `/${LOCALE}/`)}index.html`;

cleanupOutdatedCaches();
// The first visit's page is controlled at once (so what it loads is cached); later versions wait for "update".
clientsClaim();
precache(entriesFor(__PRECACHE__, LOCALE));

/** The reader's saved copy of a URL (ignoring a query string, as pages are saved without one). */
async function saved(request: Request | string): Promise<Response | undefined> {
  const cache = await caches.open(SAVED_CACHE);
  return cache.match(request, { ignoreSearch: true, ignoreVary: true });
}

/** Falls back to a saved copy, then any cache, when a strategy's own cache has nothing. */
const fromAnyCache: WorkboxPlugin = {
  cachedResponseWillBeUsed: async ({ request, cachedResponse }) =>
    cachedResponse ?? (await saved(request)) ?? (await caches.match(request, { ignoreVary: true })) ?? null,
};
const okOnly = new CacheableResponsePlugin({ statuses: [0, 200] });

const pages = new NetworkFirst({
  cacheName: PAGES_CACHE,
  networkTimeoutSeconds: NETWORK_TIMEOUT_SECONDS,
  plugins: [
    new CacheableResponsePlugin({ statuses: [200] }),
    new ExpirationPlugin({ maxEntries: PAGES_MAX_ENTRIES, purgeOnQuotaError: true }),
  ],
});

/** Caches the offline page of a path's language once (best effort; the page cache is dropped on update). */
async function keepOfflinePage(pathname: string): Promise<void> {
  const offline = offlinePathFor(pathname);
  const cache = await caches.open(PAGES_CACHE);
  if (!(await cache.match(offline))) await cache.add(offline).catch(() => {});
}

function pageKey(url: URL): string {
  return url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
}

registerRoute(
  new NavigationRoute(async (options) => {
    const url = new URL(options.request.url);
    // A saved copy wins only when the network does not answer: online readers get the current page.
    try {
      const response = await pages.handle(options);
      // A page in another language: keep that language's offline page too, for its unsaved pages offline.
      if (response?.ok && localeOfPath(url.pathname) !== LOCALE) options.event.waitUntil(keepOfflinePage(url.pathname));
      if (response && response.ok) return response;
      if (response && response.status !== 404) throw new Error(`status ${response.status}`);
      return response;
    } catch {
      const key = pageKey(url);
      return (
        (await saved(key)) ??
        (await caches.match(key, { cacheName: PAGES_CACHE, ignoreSearch: true })) ??
        (await matchPrecache(`${key}index.html`)) ??
        (await matchPrecache(`${offlinePathFor(url.pathname)}index.html`)) ??
        (await caches.match(offlinePathFor(url.pathname), { cacheName: PAGES_CACHE })) ??
        (await matchPrecache(OWN_OFFLINE_PAGE)) ??
        Response.error()
      );
    }
  }),
);

// Precached files (hashed CSS/JS, icons, search indexes) straight from the precache. Registered after the
// navigation route, so precached hubs are still fetched network-first. Pages ask for the icon sprite as
// /icons.svg?v=<hash>: the version parameter is ignored when matching the precached /icons.svg.
addRoute({ ignoreURLParametersMatching: [/^utm_/, /^fbclid$/, /^v$/] });

// Search index shards and doc files: their own cache-first route (src/pwa/search-route.ts).
registerSearchIndexRoute(fromAnyCache);

registerRoute(
  ({ request, url }) =>
    url.origin === self.location.origin &&
    (request.destination === 'style' ||
      request.destination === 'script' ||
      request.destination === 'worker' ||
      url.pathname.endsWith('.json')),
  new StaleWhileRevalidate({ cacheName: ASSETS_CACHE, plugins: [okOnly, fromAnyCache] }),
);

registerRoute(
  ({ request, url }) => url.origin === self.location.origin && request.destination === 'image',
  new CacheFirst({
    cacheName: IMAGES_CACHE,
    plugins: [
      okOnly,
      new ExpirationPlugin({
        maxEntries: IMAGES_MAX_ENTRIES,
        maxAgeSeconds: IMAGES_MAX_AGE_SECONDS,
        purgeOnQuotaError: true,
      }),
      fromAnyCache,
    ],
  }),
);

// Audio a reader saved plays offline; other audio streams from the network (range requests, large files).
registerRoute(
  ({ request, url }) =>
    url.origin === self.location.origin && (request.destination === 'audio' || url.pathname.startsWith('/media/')),
  async ({ request }) => {
    try {
      return await fetch(request);
    } catch {
      return (await saved(request)) ?? Response.error();
    }
  },
);

// Pages met while browsing belong to the build that served them: a new version drops them, so a timed-out
// navigation never gets an older build's HTML whose hashed CSS/JS the new precache no longer holds. (Saved pages
// keep their own CSS/JS and are saved again from the new build by pwa.js.)
self.addEventListener('activate', (event) => {
  event.waitUntil(caches.delete(PAGES_CACHE));
});

/**
 * The page a reader first landed on came from the network before this worker ran: keep it and the CSS/JS it
 * loaded (from the browser's HTTP cache) like any page read later, unless the precache already has them.
 */
async function keepLandingPage(event: ExtendableMessageEvent, page: string, assets: string[]): Promise<void> {
  const url = new URL(page, self.location.origin);
  if (url.origin !== self.location.origin || (await matchPrecache(`${pageKey(url)}index.html`))) return;
  await pages.handle({ event, request: new Request(url.pathname) }).catch(() => undefined);
  const cache = await caches.open(ASSETS_CACHE);
  // With the code its scripts load on first use (the reading tools), so every tool works offline too.
  const text = async (u: string) => {
    const r = (await caches.match(u, { ignoreSearch: true })) ?? (await fetch(u));
    return r.ok ? r.text() : null;
  };
  for (const a of await withModuleImports(assets, text)) {
    const u = new URL(a, self.location.origin);
    if (u.origin !== self.location.origin || (await matchPrecache(u.pathname)) || (await cache.match(u.pathname)))
      continue;
    await cache.add(u.pathname).catch(() => undefined);
  }
}

self.addEventListener('message', (event) => {
  if (event.data?.type === SKIP_WAITING) void self.skipWaiting();
  if (
    event.data?.type === KEEP_LANDING_PAGE &&
    typeof event.data.page === 'string' &&
    Array.isArray(event.data.assets)
  ) {
    event.waitUntil(
      keepLandingPage(
        event,
        event.data.page,
        event.data.assets.filter((a: unknown) => typeof a === 'string'),
      ),
    );
  }
});
