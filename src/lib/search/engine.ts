/**
 * Client-side search over the sharded index (see types.ts, build.ts). A query is read into units (text.ts),
 * only the shards holding its tokens are fetched (once; later queries reuse them), the posting lists give a
 * bounded candidate set, which is ranked by BM25F (weights precomputed at build time × IDF here) times how much
 * of the query a page covers. English words not in the index are matched with a bounded edit distance against
 * the words of their shard (typos such as "vacination"). Only the results on screen fetch their doc files.
 * Pure: runs in the browser, in Node for unit tests and in the benchmark.
 */
import {
  analyzeQuery,
  fold,
  foldTable,
  isWordToken,
  shardsFor,
  shardsOf,
  type QueryContext,
  type QueryUnit,
} from './text.ts';
import { DOC_TYPES, type DocRecord, type DocType, type Manifest, type Shard } from './types.ts';

export type Range = readonly [number, number];

export interface Ranked {
  /** Document number in the index. */
  doc: number;
  score: number;
}

export interface SearchHit {
  doc: number;
  id: string;
  type: DocType;
  url: string;
  title: string;
  /** Ranges of the title that matched (inclusive [start, end]). */
  titleMarks: Range[];
  /** The summary, or the passage of the body where the query's words are, with their ranges. */
  snippet: string;
  snippetMarks: Range[];
  audiences: string[];
  note?: string;
  score: number;
}

export interface SearchResult {
  query: string;
  ranked: Ranked[];
  /** Literal strings to mark in titles and snippets (folded forms). */
  needles: string[];
}

export type FetchJson = <T>(url: string) => Promise<T>;

/** How long typing must pause before prefetch fetches the results' doc files (shorter than the page's debounce). */
export const WARM_PAUSE_MS = 80;
/** Pages covering less of the query than this are not results (stray shared characters). */
export const MIN_COVERAGE = 0.3;
/** How much a word counts toward coverage on the page that uses it least (weight 1 of 99); on its title, 1. */
const COVER_FLOOR = 0.6;

/** Damerau–Levenshtein distance, giving up above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev2: number[] = new Array(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    prev2.splice(0, prev2.length, ...prev);
    prev = cur;
  }
  return prev[b.length];
}

export interface Searcher {
  readonly manifest: Manifest;
  /** Ranks the whole index for a query (fetching the shards it needs). */
  rank(query: string): Promise<SearchResult>;
  /** Starts fetching the shards a query will need, without ranking (on a keystroke, while the debounce waits). */
  prefetch(query: string): void;
  /** Display data of ranked documents (fetching their doc files). */
  hits(result: SearchResult, from?: number, count?: number): Promise<SearchHit[]>;
  /** URLs of every file fetched so far (shards and docs), e.g. to save them for offline use. */
  loaded(): string[];
}

export interface SearcherOptions {
  /**
   * The results `prefetch` makes ready: once the shards of the words typed so far are in, and nothing has been
   * typed for WARM_PAUSE_MS, the doc files of the first `warm` results, which running that query will show. Default 10 (a
   * screen of results; 0: shards only).
   */
  warm?: number;
}

export function createSearcher(manifest: Manifest, fetchJson: FetchJson, options: SearcherOptions = {}): Searcher {
  const warmCount = options.warm ?? 10;
  const ctx: QueryContext = { fold: foldTable(manifest.fold), syllables: new Set(manifest.syllables.split(' ')) };
  const words = new Set(manifest.words);
  const shards = new Map<string, Promise<Shard>>();
  /** Shards that have arrived, by name. */
  const ready = new Map<string, Shard>();
  /** Doc files by number: each holds the display data of `manifest.group` documents. */
  const docs = new Map<number, Promise<DocRecord[]>>();
  const N = manifest.n;
  const idf = (df: number) => Math.log(1 + (N - df + 0.5) / (df + 0.5));

  function shard(name: string): Promise<Shard> {
    let s = shards.get(name);
    if (!s) {
      s = fetchJson<Shard>(`${manifest.dir}/${name}.json`);
      shards.set(name, s);
      s.then(
        (x) => ready.set(name, x),
        () => shards.delete(name),
      );
    }
    return s;
  }

  /** Is there a file that can hold the token (a Latin word's two-letter file may not exist)? */
  const indexable = (token: string) => !isWordToken(token) || words.has(token.slice(0, 2));

  /** The arrived shard that holds a token, if any (a Han pair is in the files of both its characters). */
  function shardWith(token: string): Shard | undefined {
    for (const name of shardsOf(token, manifest.shards)) {
      const s = ready.get(name);
      if (s) return s;
    }
    return undefined;
  }

  /** Tokens of the index a query token stands for: itself, or for a Latin word its typo and prefix variants. */
  const expansions = new Map<string, Array<{ token: string; factor: number }>>();
  function expand(token: string, s: Shard | undefined): Array<{ token: string; factor: number }> {
    if (!s) return [];
    let hit = expansions.get(token);
    if (!hit) expansions.set(token, (hit = expandIn(token, s)));
    return hit;
  }

  function expandIn(token: string, s: Shard): Array<{ token: string; factor: number }> {
    if (!isWordToken(token) || token.length < 3) return s[token] ? [{ token, factor: 1 }] : [];
    const out: Array<{ token: string; factor: number }> = [];
    if (s[token]) out.push({ token, factor: 1 });
    const max = token.length >= 8 ? 2 : token.length >= 4 ? 1 : 0;
    for (const other of Object.keys(s)) {
      if (other === token) continue;
      if (other.startsWith(token) && token.length >= 3) out.push({ token: other, factor: 0.7 });
      else if (!s[token] && max > 0 && editDistance(token, other, max) <= max) out.push({ token: other, factor: 0.8 });
    }
    return out;
  }

  /** The query's tokens and the fewest new files that answer them (counting those fetched or on their way). */
  function plan(query: string) {
    const units = analyzeQuery(query, ctx);
    const tokens = new Set(units.flatMap((u) => u.readings.flat()).filter(indexable));
    return { units, tokens, names: shardsFor(tokens, manifest.shards, (n) => shards.has(n)) };
  }

  /** Every shard a planned query reads that has not arrived yet: the new ones (fetched now) and those on their way. */
  function awaited({ tokens, names }: ReturnType<typeof plan>): Array<Promise<Shard>> {
    const wanted = new Set(names);
    for (const t of tokens) for (const n of shardsOf(t, manifest.shards)) if (shards.has(n)) wanted.add(n);
    return [...wanted].filter((n) => !ready.has(n)).map(shard);
  }

  /** The doc files of a ranking's first `count` results, fetched now (failures are left to `hits`). */
  function warm(ranked: readonly Ranked[], count: number): void {
    for (const r of ranked.slice(0, count)) doc(r.doc).catch(() => {});
  }

  /** The query typed last into prefetch: only its doc files are warmed. */
  let latest = '';
  function prefetch(query: string): void {
    latest = query;
    const planned = plan(query);
    const pending = awaited(planned);
    if (!warmCount) {
      for (const p of pending) p.catch(() => {});
      return;
    }
    // Once its shards are in, the results this query will show: their doc files too, unless more was typed since
    // (not before a pause: a burst of keystrokes does not fetch the results of every prefix).
    const typed = Date.now();
    Promise.all(pending).then(
      () =>
        setTimeout(
          () => latest === query && warm(score(query, planned.units).ranked, warmCount),
          Math.max(0, WARM_PAUSE_MS - (Date.now() - typed)),
        ),
      () => {},
    );
  }

  async function rank(query: string): Promise<SearchResult> {
    const planned = plan(query);
    const { units } = planned;
    const pending = awaited(planned);
    await Promise.all(pending);
    return score(query, units);
  }

  /** Ranks with the shards that have arrived (all of the query's, once `rank` has awaited them). */
  function score(query: string, units: QueryUnit[]): SearchResult {
    const scores = new Map<number, number>();
    const cover = new Map<number, number>();
    const present = new Map<number, number>();
    const needles = new Set<string>();
    let totalLen = 0;
    let tokenCount = 0;
    for (const unit of units) {
      const weight = unit.weight ?? 1;
      const len = unitLength(unit) * weight;
      totalLen += len;
      const best = new Map<number, [score: number, coverage: number, present: number]>();
      for (const reading of unit.readings) {
        const perDoc = new Map<number, [score: number, soft: number, present: number]>();
        // Coverage counts the query's tokens a page has (a typo's missing pair counts against it like any other).
        // A character alone among words (机 of 量子|计算|机) is weak evidence: it counts half.
        const found = reading.map((t) => ({
          variants: expand(t, indexable(t) ? shardWith(t) : undefined),
          mass: reading.length > 1 && t.length === 1 ? 0.5 : 1,
        }));
        const present = found.filter((f) => f.variants.length);
        const mass = found.reduce((n, f) => n + f.mass, 0);
        if (weight >= 1) tokenCount += reading.length;
        for (const { variants, mass: counts } of present) {
          const seen = new Map<number, [score: number, strength: number]>();
          for (const v of variants) {
            const list = shardWith(v.token)![v.token];
            const w = idf(list[0]) * v.factor;
            if (isWordToken(v.token)) needles.add(v.token);
            let doc = 0;
            for (let i = 1; i + 1 < list.length; i += 2) {
              doc += list[i];
              const s = (w * list[i + 1]) / 99;
              const e = seen.get(doc);
              if (!e || s > e[0]) seen.set(doc, [s, list[i + 1] / 99]);
            }
          }
          // A word a page only mentions in passing covers the query less than one it is about.
          for (const [doc, [s, strength]] of seen) {
            const e = perDoc.get(doc) ?? [0, 0, 0];
            e[0] += s;
            e[1] += counts * (COVER_FLOOR + (1 - COVER_FLOOR) * strength);
            e[2] += counts;
            perDoc.set(doc, e);
          }
        }
        for (const [doc, [s, soft, present]] of perDoc) {
          const c = soft / mass;
          const b = best.get(doc);
          if (!b || s * c > b[0] * b[1]) best.set(doc, [s, c, present / mass]);
        }
      }
      if (/\p{Script=Han}/u.test(unit.text)) needles.add(unit.text);
      for (const [doc, [s, c, p]] of best) {
        scores.set(doc, (scores.get(doc) ?? 0) + s * weight);
        cover.set(doc, (cover.get(doc) ?? 0) + c * len);
        present.set(doc, (present.get(doc) ?? 0) + p * len);
      }
    }
    const ranked: Ranked[] = [];
    const subjectUnits = units.filter((u) => (u.weight ?? 1) >= 1).length;
    // Long sentences carry many pairs no page has: the bar is lower for them.
    const minCoverage = Math.min(MIN_COVERAGE, Math.max(0.12, 2 / Math.max(1, tokenCount / Math.max(1, subjectUnits))));
    for (const [doc, s] of scores) {
      // Whether a page is a result at all: the share of the query's words it has; its rank: how strongly.
      if ((present.get(doc) ?? 0) / totalLen < minCoverage) continue;
      const c = (cover.get(doc) ?? 0) / totalLen;
      ranked.push({ doc, score: s * c * c });
    }
    ranked.sort((a, b) => b.score - a.score || a.doc - b.doc);
    // Han bigrams of each unit mark the text too (a typo leaves its correct pairs marked).
    for (const u of units) if (/\p{Script=Han}/u.test(u.text)) for (const t of u.readings[0]) needles.add(t);
    return { query, ranked, needles: [...needles].sort((a, b) => b.length - a.length) };
  }

  async function doc(n: number): Promise<DocRecord> {
    const g = Math.floor(n / manifest.group);
    let d = docs.get(g);
    if (!d) {
      d = fetchJson<DocRecord[]>(`${manifest.dir}/d/${g}.json`);
      docs.set(g, d);
      d.catch(() => docs.delete(g));
    }
    const record = (await d)[n % manifest.group];
    if (!record) throw new Error(`search index: no document ${n}`);
    return record;
  }

  async function hits(result: SearchResult, from = 0, count = 10): Promise<SearchHit[]> {
    const slice = result.ranked.slice(from, from + count);
    const records = await Promise.all(slice.map((r) => doc(r.doc)));
    return slice.map((r, i) => toHit(r, records[i], result.needles, ctx.fold));
  }

  return {
    manifest,
    rank,
    prefetch,
    hits,
    loaded: () => [
      ...[...shards.keys()].map((n) => `${manifest.dir}/${n}.json`),
      ...[...docs.keys()].map((n) => `${manifest.dir}/d/${n}.json`),
    ],
  };
}

/** How much of a query a unit is: a character alone (a fragment between dropped words) half a word. */
function unitLength(u: QueryUnit): number {
  return Math.max(0.5, Math.min(4, [...u.text].length / 2));
}

/** Where any of the needles occur in a text (folded the same way as the index), as inclusive ranges. */
export function findMarks(text: string, needles: readonly string[], table: ReadonlyMap<string, string>): Range[] {
  // Fold character by character so positions stay those of the original text.
  let folded = '';
  for (const c of text) {
    const f = fold(c, table);
    folded += f.length === c.length ? f : c;
  }
  const marks: Range[] = [];
  const taken = new Uint8Array(folded.length);
  for (const n of needles) {
    if (!n) continue;
    for (let at = folded.indexOf(n); at >= 0; at = folded.indexOf(n, at + 1)) {
      let free = false;
      for (let i = at; i < at + n.length; i++) if (!taken[i]) free = true;
      if (!free) continue;
      for (let i = at; i < at + n.length; i++) taken[i] = 1;
    }
  }
  for (let i = 0; i < taken.length; i++) {
    if (!taken[i]) continue;
    let j = i;
    while (j + 1 < taken.length && taken[j + 1]) j++;
    marks.push([i, j]);
    i = j;
  }
  return marks;
}

/** The part of a text around its first mark, at most `max` characters, with the marks shifted. */
export function clip(text: string, ranges: readonly Range[], max = 90): { text: string; ranges: Range[] } {
  if (text.length <= max) return { text, ranges: [...ranges] };
  // The window with the most marks.
  let bestStart = 0;
  let bestCount = -1;
  for (const [s] of ranges.length ? ranges : [[0, 0] as Range]) {
    const start = Math.max(0, Math.min(s - 15, text.length - max));
    const count = ranges.filter(([a, b]) => a >= start && b < start + max).length;
    if (count > bestCount) {
      bestCount = count;
      bestStart = start;
    }
  }
  const prefix = bestStart > 0 ? '…' : '';
  const out = prefix + text.slice(bestStart, bestStart + max) + (bestStart + max < text.length ? '…' : '');
  const shift = prefix.length - bestStart;
  return {
    text: out,
    ranges: ranges
      .map(([s, e]) => [s + shift, e + shift] as Range)
      .filter(([s, e]) => s >= prefix.length && e < out.length),
  };
}

function toHit(r: Ranked, d: DocRecord, needles: readonly string[], table: ReadonlyMap<string, string>): SearchHit {
  const type = DOC_TYPES[d.t];
  const summaryMarks = findMarks(d.s, needles, table);
  let snippet = clip(d.s, summaryMarks);
  if (summaryMarks.length === 0 && d.b) {
    const bodyMarks = findMarks(d.b, needles, table);
    if (bodyMarks.length) snippet = clip(d.b, bodyMarks);
  }
  const parts = d.u.split('/').filter(Boolean);
  return {
    doc: r.doc,
    id: type === 'hub' ? parts.slice(-2).join('/') : parts[parts.length - 1],
    type,
    url: d.u,
    title: d.ti,
    titleMarks: findMarks(d.ti, needles, table),
    snippet: snippet.text,
    snippetMarks: snippet.ranges,
    audiences: d.a,
    note: d.o,
    score: r.score,
  };
}

/** Split text into plain and marked parts; ranges are inclusive [start, end]. */
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
