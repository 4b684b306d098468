/**
 * Which search index files a saved topic pack takes along, so search keeps working offline for what was saved.
 * A locale's whole index (every shard and doc file) when it is small — a centre's site is a few hundred KB — and
 * nothing beyond the manifest for a district-sized index, where search offline covers the shards already met
 * (the service worker keeps them). Pure; the page script fetches and stores.
 */
import type { Manifest } from './types.ts';

/** Largest index (raw bytes of shards and doc files) a pack takes whole. */
export const PACK_MAX_BYTES = 1_500_000;

/** The manifest URL the locale's search page names (its data-index attribute). */
export function manifestUrlIn(searchPageHtml: string): string | undefined {
  return /data-index="(\/search-index\/[^"]+\.json)"/.exec(searchPageHtml)?.[1];
}

/** The locale's search page for a page URL, from the page's own search form (header box). */
export function searchPageIn(pageHtml: string): string | undefined {
  return /<form[^>]*role="search"[^>]*action="([^"]*\/search\/)"/.exec(pageHtml)?.[1];
}

export function packFiles(manifestUrl: string, manifest: Manifest, maxBytes = PACK_MAX_BYTES): string[] {
  const out = [manifestUrl];
  if (manifest.size > maxBytes) return out;
  for (let i = 0; i < manifest.shards; i++) out.push(`${manifest.dir}/t${i}.json`);
  for (const w of manifest.words) out.push(`${manifest.dir}/w-${w}.json`);
  for (let g = 0; g * manifest.group < manifest.n; g++) out.push(`${manifest.dir}/d/${g}.json`);
  return out;
}
