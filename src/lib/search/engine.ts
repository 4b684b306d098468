/**
 * Client-side search over the index files: fuse.js token search (TF-IDF over Intl.Segmenter words and single
 * Han characters, each word matched fuzzily with Bitap, so one wrong character is tolerated). Pure: runs in the
 * browser, in Node for unit tests and in the benchmark.
 */
import Fuse, { type FuseResultMatch, type FuseOptionKey } from 'fuse.js';
import { tokenize } from './tokenize.ts';
import { DOC_TYPES, type CoreIndex, type DetailIndex, type DocType } from './types.ts';

/** What fuse.js matches: the core fields. Keywords stay separate entries: a page matching several ranks higher. */
interface Doc {
  i: number;
  ti: string;
  k: string[];
  p: string[];
  /** audience and topic names */
  n: string[];
}

export type Range = readonly [number, number];

export interface SearchHit {
  /** Position in the index. */
  index: number;
  id: string;
  type: DocType;
  url: string;
  title: string;
  /** Ranges of the title that matched. */
  titleMarks: Range[];
  /** The keyword, alias or pinyin that matched when the title did not. */
  via?: { text: string; marks: Range[] };
  summary?: string;
  summaryMarks: Range[];
  audiences: string[];
  score: number;
}

const KEYS: Array<FuseOptionKey<Doc>> = [
  { name: 'ti', weight: 4 },
  { name: 'k', weight: 3 },
  { name: 'p', weight: 2 },
  { name: 'n', weight: 0.5 },
];
const SEP = '|';

/** Hits scoring worse than this are dropped (see search()). */
export const MAX_SCORE = 0.75;

const PATHS: Record<DocType, string> = { article: '/articles/', event: '/events/', family: '/families/', quiz: '/self-check/', hub: '/' };

export function docUrl(base: string, type: DocType, id: string): string {
  return `${base}${PATHS[type]}${id}/`;
}

export interface Engine {
  search(query: string, limit?: number): SearchHit[];
  /** True once summaries and headings are searched too. */
  readonly hasDetail: boolean;
  size: number;
}

export function createEngine(core: CoreIndex, detail?: DetailIndex): Engine {
  if (detail && detail.docs.length !== core.docs.length) throw new Error('search index: detail does not match core');
  const docs: Doc[] = core.docs.map((d, i) => ({
    i,
    ti: d.ti,
    k: d.k,
    p: d.p,
    n: [...d.a.map((x) => core.audiences[x]), ...d.o.map((x) => core.topics[x])].filter(Boolean),
  }));
  // Summaries and headings are not fuzzy-matched (that doubles set-up and query time at 5,000 articles): a page
  // whose summary or headings contain the whole query is added after the fuzzy hits; all hits show the summary.
  const detailText = detail?.docs.map(([s, h]) => `${s}\n${h}`.toLowerCase());
  // Cheap pre-filter: fuse.js scans every record with Bitap, so each query first keeps only the records that
  // share a Han character, or a letter bigram/trigram, with the query (the fuzzy match needs that much anyway),
  // and fuse.js scores just those. Its document frequencies still come from the whole index.
  const haystacks = docs.map((d) => [d.ti, ...d.k, ...d.p, ...d.n].join(SEP).toLowerCase());
  const fuse = new Fuse(docs, {
    keys: KEYS,
    useTokenSearch: true,
    tokenize,
    includeMatches: true,
    includeScore: true,
    threshold: 0.34,
    fieldNormWeight: 0.5,
  });
  return {
    hasDetail: Boolean(detail),
    size: docs.length,
    search(query: string, limit = 60): SearchHit[] {
      const q = query.trim().slice(0, 64);
      if (!q) return [];
      const terms = tokenize(q);
      // Fuse's score is 0 for a perfect match and 1 for none. Above MAX_SCORE only stray single characters
      // matched (量子计算机 shares 量 and 机 with 量血压 and 血压机): better to say nothing was found.
      const index = fuse.getIndex();
      const all = index.records;
      const grams = probes(terms);
      index.setIndexRecords(all.filter((r) => grams.some((g) => haystacks[r.i].includes(g))));
      let found;
      try {
        found = fuse.search(q, { limit });
      } finally {
        index.setIndexRecords(all);
      }
      const hits = found
        .filter((r) => (r.score ?? 1) <= MAX_SCORE)
        .map((r) => toHit(core, detail, r.item.i, r.score ?? 1, r.matches ?? [], terms));
      if (detailText && hits.length < limit) {
        const lower = q.toLowerCase();
        const seen = new Set(hits.map((h) => h.index));
        for (let i = 0; i < detailText.length && hits.length < limit; i++) {
          if (!seen.has(i) && detailText[i].includes(lower)) hits.push(toHit(core, detail, i, MAX_SCORE, [], terms));
        }
      }
      return hits;
    },
  };
}

/** Substrings a record must contain one of to be worth scoring: Han characters, and letter n-grams of words. */
export function probes(terms: string[]): string[] {
  const out = new Set<string>();
  for (const t of terms) {
    if (/\p{Script=Han}/u.test(t)) {
      for (const c of t) out.add(c);
      continue;
    }
    const n = t.length >= 5 ? 3 : 2;
    if (t.length <= n) out.add(t);
    else for (let i = 0; i + n <= t.length; i++) out.add(t.slice(i, i + n));
  }
  return [...out];
}

/** Where the query's words occur literally in a text (for marking summaries). */
function literalMarks(text: string, terms: string[]): Range[] {
  const lower = text.toLowerCase();
  const out: Range[] = [];
  for (const t of terms) {
    for (let at = lower.indexOf(t); at >= 0; at = lower.indexOf(t, at + t.length)) out.push([at, at + t.length - 1]);
  }
  return out;
}

function toHit(core: CoreIndex, detail: DetailIndex | undefined, index: number, score: number, matches: ReadonlyArray<FuseResultMatch>, terms: string[]): SearchHit {
  const d = core.docs[index];
  const type = DOC_TYPES[d.t];
  const of = (key: string) => matches.find((m) => m.key === key);
  const titleMarks = [...(of('ti')?.indices ?? [])];
  let via: SearchHit['via'];
  if (titleMarks.length === 0) {
    const m = of('k') ?? of('p');
    if (m?.value) via = { text: m.value, marks: [...m.indices] };
  }
  const summary = detail?.docs[index][0];
  return {
    index,
    id: d.i,
    type,
    url: docUrl(core.base, type, d.i),
    title: d.ti,
    titleMarks,
    via,
    summary,
    summaryMarks: summary ? literalMarks(summary, terms) : [],
    audiences: d.a.map((x) => core.audiences[x] ?? x),
    score,
  };
}

/** Split text into plain and marked parts; ranges are inclusive [start, end] as fuse gives them. */
export function markParts(text: string, ranges: readonly Range[]): Array<{ text: string; mark: boolean }> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Array<{ text: string; mark: boolean }> = [];
  let at = 0;
  for (const [s, e] of sorted) {
    if (e < at) continue;
    const start = Math.max(s, at);
    if (start > at) out.push({ text: text.slice(at, start), mark: false });
    out.push({ text: text.slice(start, e + 1), mark: true });
    at = e + 1;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out.filter((p) => p.text);
}

/** Hits grouped by type; groups ordered by their best hit, so the best hit is still shown first. */
export function groupByType(hits: SearchHit[]): Array<{ type: DocType; hits: SearchHit[] }> {
  const groups = new Map<DocType, SearchHit[]>();
  for (const h of hits) {
    const g = groups.get(h.type);
    if (g) g.push(h);
    else groups.set(h.type, [h]);
  }
  return [...groups].map(([type, list]) => ({ type, hits: list }));
}
