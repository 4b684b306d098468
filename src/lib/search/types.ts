/**
 * The search index as it travels to the browser, per locale (see build.ts for how it is made):
 *   manifest  /search-index/<locale>/<hash>.json — a few KB: document count, shard layout, the Traditional →
 *             Simplified table and the pinyin syllables the query side needs. Its hash names the build.
 *   shards    <dir>/t<n>.json (Han and pinyin tokens, by token hash) and <dir>/w-<xx>.json (Latin words, by
 *             their first two letters, so a typo can be matched against the words of its shard): each maps a
 *             token to its posting list.
 *   docs      <dir>/d/<n>.json — what a result shows: title, URL, type, summary, names, plain body text for
 *             the snippet; fetched only for the results on screen.
 * Property names are short because they repeat per token and per document.
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
  /** The original (Simplified) title, searched too when the locale shows another. */
  originalTitle: string;
  summary: string;
  headings: string[];
  /** Keywords and aliases as written (Simplified and dialect words). */
  keywords: string[];
  audiences: string[];
  topics: string[];
  /** Plain text of the body (paragraphs, lists), in the locale's text. */
  body?: string;
  /** Further names: an event's type and place, a family's award. Matched like audience and topic names. */
  names?: string[];
  /** Rank multiplier: upcoming events above past ones (1 by default). */
  boost?: number;
  /** A short line shown with the result (an event's next date). */
  note?: string;
}

/** The manifest of one locale's index. */
export interface Manifest {
  v: 3;
  locale: string;
  /** Documents in the index. */
  n: number;
  /**
   * Where the shards and docs are: `${dir}/t<k>.json`, `${dir}/w-<xx>.json`, and the doc files `${dir}/d/<g>.json`,
   * each an array of the display data of `group` documents in a row (document i is entry i % group of file
   * floor(i / group)).
   */
  dir: string;
  /** Documents per doc file. */
  group: number;
  /** Raw bytes of every shard and doc file (what a saved topic pack would take). */
  size: number;
  /** Number of hashed token shards. */
  shards: number;
  /** Two-letter prefixes that have a Latin-word shard. */
  words: string[];
  /** Traditional → Simplified pairs, concatenated ("壓压體体…"). */
  fold: string;
  /** Toneless pinyin syllables of the indexed text, space-separated. */
  syllables: string;
}

/** token → [document frequency, doc delta, weight, doc delta, weight, …] (weights 1–99; lists may be cut to the best). */
export type Shard = Record<string, number[]>;

/** One result's display data. */
export interface DocRecord {
  /** URL */
  u: string;
  /** type, an index into DOC_TYPES */
  t: number;
  ti: string;
  /** summary */
  s: string;
  /** audience names */
  a: string[];
  /** body text (cut to a length) */
  b: string;
  /** note, e.g. an event's date */
  o?: string;
}
