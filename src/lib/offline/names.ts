/**
 * Names shared by the service worker, the page scripts and the tests. Changing SAVED_CACHE would orphan what
 * readers saved, so it carries its own version, independent of site deploys.
 */
import { LOCALES, registry, SOURCE_LOCALE, type Locale } from '@hc/domain/locales/registry.ts';

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
/** Message the page a reader first landed on sends once the new worker controls it: keep me and my CSS/JS. */
export const KEEP_LANDING_PAGE = 'KEEP_LANDING_PAGE';

/** The site's locales as the service worker knows them, from the locale registry (the source has no prefix). */
export const OFFLINE_LOCALES = LOCALES;
export type OfflineLocale = Locale;
const BY_PREFIX = new Map<string, Locale>(LOCALES.map((l) => [registry.info[l].prefix, l]));

/** The locale a site path belongs to: /yue/articles/x/ → yue, /articles/x/ → zh-hans. */
export function localeOfPath(pathname: string): OfflineLocale {
  const first = pathname.split('/')[1] ?? '';
  return (first && BY_PREFIX.get(first)) || SOURCE_LOCALE;
}

/** A locale named in a service worker's script URL (?locale=…), or the default for anything else. */
export function parseOfflineLocale(value: string | null | undefined): OfflineLocale {
  return (OFFLINE_LOCALES as readonly string[]).includes(value ?? '') ? (value as OfflineLocale) : SOURCE_LOCALE;
}

export interface ManifestEntry {
  url: string;
  revision: string | null;
}

/** A precache entry with the locales it serves (src/lib/offline/precache.ts); no `l` means every locale. */
export interface LocaleEntry extends ManifestEntry {
  l?: OfflineLocale[];
}

/** The precache entries one locale installs. */
export function entriesFor(manifest: readonly LocaleEntry[], locale: OfflineLocale): ManifestEntry[] {
  return manifest.filter((e) => !e.l || e.l.includes(locale)).map(({ url, revision }) => ({ url, revision }));
}

/** Path of the offline page for the locale a path belongs to: /yue/articles/x/ → /yue/offline/. */
export function offlinePathFor(pathname: string): string {
  const prefix = registry.info[localeOfPath(pathname)].prefix;
  return prefix ? `/${prefix}/offline/` : '/offline/';
}
