/**
 * The list of what a reader saved (kept in localStorage next to the cache that holds the files), and what can be
 * deleted when one item is removed: files another saved item still needs stay.
 */
export type SavedKind = 'article' | 'event' | 'hub' | 'page';

export interface SavedItem {
  /** Page path, e.g. /articles/x/ (the key). */
  url: string;
  title: string;
  kind: SavedKind;
  /** Every stored URL besides the page: pictures, audio, CSS/JS, and for a hub its articles (pages too). */
  parts: string[];
  bytes: number;
  /** ISO time of saving. */
  savedAt: string;
  /** The site build it was saved from (pwa.js's BUILD_ID); another build means it is refreshed when online. */
  build?: string;
  /** Whether the reader chose to keep the audio too. */
  audio?: boolean;
}

export function parseSaved(json: string | null): SavedItem[] {
  if (!json) return [];
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x) => x && typeof x.url === 'string' && Array.isArray(x.parts)) : [];
  } catch {
    return [];
  }
}

/** The list with `item` added, replacing an earlier save of the same page; newest first. */
export function withSaved(list: SavedItem[], item: SavedItem): SavedItem[] {
  return [item, ...list.filter((x) => x.url !== item.url)];
}

/** The list without `url`, and the stored URLs no remaining item needs (safe to delete from the cache). */
export function withoutSaved(list: SavedItem[], url: string): { list: SavedItem[]; release: string[] } {
  const gone = list.find((x) => x.url === url);
  const rest = list.filter((x) => x.url !== url);
  if (!gone) return { list: rest, release: [] };
  const kept = new Set(rest.flatMap((x) => [x.url, ...x.parts]));
  return { list: rest, release: [gone.url, ...gone.parts].filter((u) => !kept.has(u)) };
}

export function isSaved(list: SavedItem[], url: string): boolean {
  return list.some((x) => x.url === url || (x.kind === 'hub' && x.parts.includes(url)));
}

/** Items saved from another build than the current one: refreshed in the background when online. */
export function staleSaved(list: SavedItem[], build: string): SavedItem[] {
  return list.filter((x) => x.build !== build);
}

/** Stored URLs that no item lists any more (after a refresh replaced an item's parts). */
export function orphans(stored: string[], list: SavedItem[]): string[] {
  const kept = new Set(list.flatMap((x) => [x.url, ...x.parts]));
  return stored.filter((u) => !kept.has(u));
}
