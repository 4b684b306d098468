/**
 * Names shared by the service worker, the page scripts and the tests. Changing SAVED_CACHE would orphan what
 * readers saved, so it carries its own version, independent of site deploys.
 */
export const CACHE_PREFIX = 'hc';
/** What a reader chose to keep: pages, their pictures and audio, and the CSS/JS those pages were built with. */
export const SAVED_CACHE = `${CACHE_PREFIX}-saved-v1`;
/** Pages met while browsing (network-first copies). */
export const PAGES_CACHE = `${CACHE_PREFIX}-pages`;
export const PAGES_MAX_ENTRIES = 60;
/** CSS/JS not in the precache (e.g. another deploy's hashed files). */
export const ASSETS_CACHE = `${CACHE_PREFIX}-assets`;
/** Pictures met while browsing (cache-first, bounded). */
export const IMAGES_CACHE = `${CACHE_PREFIX}-images`;
export const IMAGES_MAX_ENTRIES = 120;
export const IMAGES_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/** Seconds a navigation waits for the network before a cached copy is used. */
export const NETWORK_TIMEOUT_SECONDS = 3;
/** localStorage key of the list of saved items (titles, kinds, parts). */
export const SAVED_INDEX_KEY = 'hc:offline-saved';
/** localStorage key set when a reader dismisses the install offer. */
export const INSTALL_DISMISSED_KEY = 'hc:install-dismissed';
/** Message a page sends a waiting service worker to take over. */
export const SKIP_WAITING = 'SKIP_WAITING';

/**
 * Path of the offline page for the locale a path belongs to: /yue/articles/x/ → /yue/offline/.
 * `prefixes`: the locale registry's URL prefixes (the service worker gets them at build time, so the registry
 * itself is not bundled into browser code).
 */
export function offlinePathFor(pathname: string, prefixes: readonly string[]): string {
  const first = pathname.split('/')[1] ?? '';
  return prefixes.includes(first) ? `/${first}/offline/` : '/offline/';
}
