/**
 * Search index files in the service worker (issue 18). Shards and doc files live under a build-hashed folder
 * (/search-index/<locale>/<build>/…), so a URL's content never changes: cache first, keep what a reader has
 * downloaded (search keeps working offline for the words already searched and every saved topic pack), and
 * bound the cache. Manifests (/search-index/<locale>/<hash>.json) are precached with the shell, not here.
 */
/// <reference lib="webworker" />
import { registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import type { WorkboxPlugin } from 'workbox-core/types.js';

declare const self: ServiceWorkerGlobalScope;

export const SEARCH_CACHE = 'hc-search-index';
const SEARCH_MAX_ENTRIES = 3000;

export function registerSearchIndexRoute(fallback: WorkboxPlugin): void {
  registerRoute(
    ({ url }) => url.origin === self.location.origin && /^\/search-index\/[^/]+\/[0-9a-f]{12}\//.test(url.pathname),
    new CacheFirst({
      cacheName: SEARCH_CACHE,
      plugins: [
        new CacheableResponsePlugin({ statuses: [200] }),
        new ExpirationPlugin({ maxEntries: SEARCH_MAX_ENTRIES, purgeOnQuotaError: true }),
        fallback,
      ],
    }),
  );
}
