/**
 * The search index as it travels to the browser. Two files per locale, each at a content-hashed URL:
 * a small "core" (what a query is matched against: titles, keys, pinyin) loaded when search is first used,
 * and a "detail" (summaries and headings, same order) fetched after it to widen matching and show snippets.
 * Property names are short because they repeat once per document (5,000 articles → 5,000 times).
 */
export const DOC_TYPES = ['article', 'event', 'family', 'quiz', 'hub'] as const;
export type DocType = (typeof DOC_TYPES)[number];

/** What the site hands to the index builder for one document in one locale. */
export interface SourceDoc {
  type: DocType;
  /** Slug; for hubs the path under the locale, e.g. "audiences/elders". */
  id: string;
  /** Title in this locale (human, converted or fallback). */
  title: string;
  /** The original (Simplified) title, for pinyin and the other script. */
  originalTitle: string;
  summary: string;
  headings: string[];
  /** Keywords and aliases as written (Simplified and dialect words). */
  keywords: string[];
  audiences: string[];
  topics: string[];
}

/** One document in the core file. */
export interface CoreDoc {
  /** id (slug, or hub path) */
  i: string;
  /** type, an index into DOC_TYPES */
  t: number;
  /** title in this locale */
  ti: string;
  /** keys: keywords, aliases, the other script's title and keywords */
  k: string[];
  /** pinyin without tones and initials of the title and keywords (each its own entry, so each is scored as a short field) */
  p: string[];
  /** audience ids */
  a: string[];
  /** topic ids */
  o: string[];
}

export interface CoreIndex {
  v: 1;
  locale: string;
  /** URL prefix of the locale ('' or '/en'), prepended to paths built from type and id. */
  base: string;
  /** URL of the detail file. */
  detail: string;
  audiences: Record<string, string>;
  topics: Record<string, string>;
  docs: CoreDoc[];
}

/** Summary and headings (joined with " / ") of core.docs[n], in the same order. */
export interface DetailIndex {
  v: 1;
  docs: Array<[summary: string, headings: string]>;
}
