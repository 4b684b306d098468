/**
 * "Save for offline" in the browser: stores a page (or a hub and all its articles) with its pictures, its CSS/JS
 * and, if asked, its audio in the saved cache, keeps the list in localStorage, and removes items again.
 * The decisions (what to store, what may be deleted) are pure helpers in lib/offline.
 */
import { SAVED_CACHE, SAVED_INDEX_KEY } from '../../lib/offline/names.ts';
import { articleLinks, planPage } from '../../lib/offline/plan.ts';
import { withModuleImports } from '../../lib/offline/precache.ts';
import { manifestUrlIn, packFiles, searchPageIn } from '../../lib/search/pack.ts';
import type { Manifest } from '../../lib/search/types.ts';
import {
  isSaved,
  orphans,
  parseSaved,
  staleSaved,
  withSaved,
  withoutSaved,
  type SavedItem,
  type SavedKind,
} from '../../lib/offline/saved.ts';

export function readSaved(): SavedItem[] {
  try {
    return parseSaved(localStorage.getItem(SAVED_INDEX_KEY));
  } catch {
    return [];
  }
}
function writeSaved(list: SavedItem[]): void {
  localStorage.setItem(SAVED_INDEX_KEY, JSON.stringify(list));
}
/** Saved on its own (not only inside a saved hub): its box then offers "remove". */
export function pageIsSaved(url: string): boolean {
  return readSaved().some((x) => x.url === url);
}
/** Readable offline: saved on its own or as part of a saved hub. */
export function pageIsAvailable(url: string): boolean {
  return isSaved(readSaved(), url);
}

/** A 1×1 image of a type decodes only if the browser supports the type. */
function decodes(dataUrl: string): Promise<boolean> {
  return new Promise((resolve) => {
    const img = new Image();
    img.onload = () => resolve(img.width > 0);
    img.onerror = () => resolve(false);
    img.src = dataUrl;
  });
}
declare const __IMAGE_PROBES__: Record<string, string>;
let typesPromise: Promise<string[]> | null = null;
/** Image types this browser shows, so only the pictures it would pick are stored. */
export function supportedImageTypes(): Promise<string[]> {
  typesPromise ??= (async () => {
    const probes = typeof __IMAGE_PROBES__ === 'object' ? __IMAGE_PROBES__ : {};
    const out: string[] = [];
    for (const [type, url] of Object.entries(probes)) if (await decodes(url)) out.push(type);
    return [...out, 'image/jpeg', 'image/png'];
  })();
  return typesPromise;
}

async function fetchOk(url: string, tries = 3): Promise<Response> {
  let last: unknown;
  for (let i = 0; i < tries; i++) {
    try {
      const r = await fetch(url, { credentials: 'same-origin' });
      if (r.ok) return r;
      last = new Error(`${url}: ${r.status}`);
    } catch (e) {
      last = e;
    }
  }
  throw last;
}

/** A script's text, for following its imports (the reading tools' code loads on first use: save it too). */
const scriptText = async (url: string) => (await fetchOk(url)).text();

/** Stores one URL; returns its size in bytes. */
async function store(cache: Cache, url: string, response?: Response): Promise<number> {
  const r = response ?? (await fetchOk(url));
  const body = await r.clone().arrayBuffer();
  await cache.put(url, r);
  return body.byteLength;
}

export interface SaveProgress {
  done: number;
  total: number;
}
export interface SaveOptions {
  kind: SavedKind;
  /** The build this page comes from (see refreshSaved). */
  build?: string;
  title: string;
  audio?: boolean;
  onProgress?: (p: SaveProgress) => void;
}

async function searchPack(hubHtml: string): Promise<string[]> {
  const searchPage = searchPageIn(hubHtml);
  const manifestUrl = searchPage && manifestUrlIn(await (await fetchOk(searchPage)).text());
  if (!manifestUrl) return [];
  return packFiles(manifestUrl, (await (await fetchOk(manifestUrl)).json()) as Manifest);
}

/** Saves a page (a hub: the page and every article it lists) and records it; returns the saved item. */
export async function savePage(url: string, opts: SaveOptions): Promise<SavedItem> {
  const cache = await caches.open(SAVED_CACHE);
  const imageTypes = await supportedImageTypes();
  const pageResponse = await fetchOk(url);
  const html = await pageResponse.clone().text();
  const plan = planPage(url, html, { imageTypes, audio: opts.audio });
  plan.parts = await withModuleImports(plan.parts, scriptText);
  const articles = opts.kind === 'hub' ? articleLinks(html, plan.page) : [];
  const total = 1 + articles.length;
  let done = 0;
  let bytes = 0;
  const parts = new Set(plan.parts);
  opts.onProgress?.({ done, total });
  for (const p of plan.parts) bytes += await store(cache, p);
  bytes += await store(cache, plan.page, pageResponse);
  opts.onProgress?.({ done: ++done, total });
  for (const a of articles) {
    const r = await fetchOk(a);
    const sub = planPage(a, await r.clone().text(), { imageTypes, audio: opts.audio });
    for (const p of await withModuleImports(sub.parts, scriptText))
      if (!parts.has(p)) {
        bytes += await store(cache, p);
        parts.add(p);
      }
    bytes += await store(cache, a, r);
    parts.add(a);
    opts.onProgress?.({ done: ++done, total });
  }
  if (opts.kind === 'hub') {
    // Search goes along with a topic pack (src/lib/search/pack.ts); a pack still saves if this part fails.
    try {
      for (const u of await searchPack(html))
        if (!parts.has(u)) {
          bytes += await store(cache, u);
          parts.add(u);
        }
    } catch {
      // Search offline then covers what the service worker already holds.
    }
  }
  const item: SavedItem = {
    url: plan.page,
    title: opts.title,
    kind: opts.kind,
    parts: [...parts],
    bytes,
    savedAt: new Date().toISOString(),
    build: opts.build,
    audio: opts.audio,
  };
  writeSaved(withSaved(readSaved(), item));
  return item;
}

/** Removes a saved item and the files no other saved item needs. */
export async function removeSaved(url: string): Promise<void> {
  const { list, release } = withoutSaved(readSaved(), url);
  const cache = await caches.open(SAVED_CACHE);
  await Promise.all(release.map((u) => cache.delete(u, { ignoreSearch: false })));
  writeSaved(list);
}

/**
 * After a new version of the site has taken over, saved items from older builds are saved again (one at a
 * time, while online), and files no item needs any more are deleted — so a saved page never mixes versions
 * and corrections reach readers who read offline.
 */
export async function refreshSaved(build: string): Promise<number> {
  let refreshed = 0;
  for (const item of staleSaved(readSaved(), build)) {
    if (!navigator.onLine) break;
    try {
      await savePage(item.url, { kind: item.kind, title: item.title, audio: item.audio, build });
      refreshed++;
    } catch {
      // Keep the older copy; the next visit tries again.
    }
  }
  if (refreshed > 0) {
    const cache = await caches.open(SAVED_CACHE);
    const stored = (await cache.keys()).map((r) => new URL(r.url).pathname + new URL(r.url).search);
    await Promise.all(orphans(stored, readSaved()).map((u) => cache.delete(u)));
  }
  return refreshed;
}
