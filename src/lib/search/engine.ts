/**
 * Client-side search over the index files: fuse.js token search (TF-IDF over Intl.Segmenter words and single
 * Han characters, each word matched fuzzily with Bitap, so one wrong character is tolerated). Pure: runs in the
 * browser, in Node for unit tests and in the benchmark.
 */
import Fuse, { type FuseResultMatch, type FuseOptionKey } from 'fuse.js';
import { tokenize } from './tokenize.ts';
import { DOC_TYPES, type CoreDoc, type CoreIndex, type DetailIndex, type DocType } from './types.ts';

interface Doc extends CoreDoc {
  /** audience and topic names */
  n: string[];
  s?: string;
  h?: string;
}

export type Range = readonly [number, number];

export interface SearchHit {
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
  { name: 's', weight: 0.8 },
  { name: 'h', weight: 0.5 },
];

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
  const docs: Doc[] = core.docs.map((d, n) => ({
    ...d,
    n: [...d.a.map((x) => core.audiences[x]), ...d.o.map((x) => core.topics[x])].filter(Boolean),
    s: detail?.docs[n][0],
    h: detail?.docs[n][1],
  }));
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
      // Fuse's score is 0 for a perfect match and 1 for none. Above MAX_SCORE only stray single characters
      // matched (量子计算机 shares 量 and 机 with 量血压 and 血压机): better to say nothing was found.
      return fuse
        .search(q, { limit })
        .filter((r) => (r.score ?? 1) <= MAX_SCORE)
        .map((r) => toHit(core, r.item, r.score ?? 1, r.matches ?? []));
    },
  };
}

function toHit(core: CoreIndex, d: Doc, score: number, matches: ReadonlyArray<FuseResultMatch>): SearchHit {
  const type = DOC_TYPES[d.t];
  const of = (key: string) => matches.filter((m) => m.key === key);
  const titleMarks = of('ti').flatMap((m) => m.indices);
  let via: SearchHit['via'];
  if (titleMarks.length === 0) {
    const m = of('k')[0] ?? of('p')[0];
    if (m?.value) via = { text: m.value, marks: [...m.indices] };
  }
  return {
    id: d.i,
    type,
    url: docUrl(core.base, type, d.i),
    title: d.ti,
    titleMarks,
    via,
    summary: d.s,
    summaryMarks: of('s').flatMap((m) => m.indices),
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
