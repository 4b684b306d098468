/**
 * Builds one locale's sharded inverted index at build time. Everything language-heavy happens here, once:
 * Traditional → Simplified (OpenCC) and pinyin (pinyin-pro) become tokens and a small folding table, so the
 * browser needs neither library. Scoring is BM25F: each field's term frequency, normalised by the field's
 * length, weighted by field, saturated — computed here into one weight per (token, document); the browser
 * multiplies by the token's IDF and sums. Deterministic: the same docs give the same bytes and hashes.
 */
import { createHash } from 'node:crypto';
import { Converter } from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import { toTraditional } from '../text/convert.ts';
import { bigrams, fold, hanRuns, isHan, latinWords, shardsOf } from './text.ts';
import { DOC_TYPES, type DocRecord, type DocType, type Manifest, type Shard, type SourceDoc } from './types.ts';

/** Field weights and length normalisation (BM25F). Titles and keywords say what a page is about. */
const FIELDS = {
  ti: { w: 6, b: 0.5 },
  k: { w: 4, b: 0.2 },
  h: { w: 2, b: 0.5 },
  s: { w: 2, b: 0.5 },
  n: { w: 1.5, b: 0.2 },
  b: { w: 0.6, b: 0.5 },
  /** Lay words a page does not use but means (content/search/synonyms.yaml): as many as its words they stand for. */
  y: { w: 2.5, b: 0 },
} as const;
type Field = keyof typeof FIELDS;
const K1 = 2;
/** A token's posting list keeps its best documents only: the candidate set of a query stays bounded. */
export const MAX_POSTINGS = 300;
/**
 * Target size of a hashed shard (raw JSON; gzip is about a third). A request costs more than its bytes (each is a
 * round trip, and several in parallel still queue: docs/search.md), so a new word should usually find its file
 * already loaded. With 16 documents a doc file, 40 KB gave the fastest new queries of 7, 24, 40 and 64 KB at
 * 1,000 articles (p50 12 ms, p95 72 ms at 4× throttle).
 */
const SHARD_TARGET = 40_000;
/**
 * Documents per doc file, in the index's order (type, then first topic, then first audience): the ten results of
 * a query are mostly on one subject and come in a few files instead of ten.
 */
export const DOC_GROUP = 16;
/** Body text kept in a result's doc file, for the snippet. */
export const DOC_BODY_MAX = 700;

/** Made on first use: loading the dictionaries costs a few hundred milliseconds, and the site's own build
 * does its indexing on worker threads (src/lib/offload), so the main thread need not load them at all. */
let toCn: Array<(text: string) => string> | undefined;
/**
 * Answers of toSimplified and syllablesOf, for the worker's lifetime: the same Han runs and texts come again
 * and again (in the fold table, then in the index text; in every doc that shares a phrase; in each locale's
 * index, where an untranslated text is the same string), and converting them was most of an index's time.
 */
const simplified = new Map<string, string>();
const spoken = new Map<string, readonly string[]>();

/** Any Chinese text in Simplified characters. */
export function toSimplified(text: string): string {
  let out = simplified.get(text);
  if (out === undefined) {
    toCn ??= [Converter({ from: 'hk', to: 'cn' }), Converter({ from: 'tw', to: 'cn' })];
    out = toCn.reduce((t, c) => c(t), text);
    simplified.set(text, out);
  }
  return out;
}

/** Content hash for a file name: 12 hex digits of SHA-256. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/** Toneless syllables of Han text, read in context (polyphones), one per Han character. */
export function syllablesOf(run: string): readonly string[] {
  let out = spoken.get(run);
  if (!out) {
    out = pinyin(run, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase());
    spoken.set(run, out);
  }
  return out;
}

const PATHS: Record<DocType, string> = {
  article: '/articles/',
  event: '/events/',
  family: '/families/',
  quiz: '/self-check/',
  hub: '/',
};
export function docUrl(base: string, type: DocType, id: string): string {
  return `${base}${PATHS[type]}${id}/`;
}

export interface BuildOptions {
  locale: string;
  /** URL prefix of the locale, '' for the default. */
  base: string;
  /** Where the locale's files are served, e.g. /search-index/zh-hans. */
  dir: string;
  audiences: Record<string, string>;
  topics: Record<string, string>;
  /** Lay words → the words pages use (content/search/synonyms.yaml): a page saying any `means` is found by any `say`. */
  synonyms?: ReadonlyArray<{ say: readonly string[]; means: readonly string[] }>;
}

/** How much an occurrence of a synonym's page word counts, by the field it is in (a title says what a page is about). */
const SYNONYM_FROM: Record<Exclude<Field, 'y'>, number> = { ti: 3, k: 2, h: 2, s: 2, n: 1, b: 1 };

interface SynonymMatcher {
  /** The page words, each with the lay words' tokens it brings. */
  means: Array<{ word: string; latin: boolean; tokens: string[] }>;
}

/** Folds each synonym's words like the index text, and reads the lay words into index tokens once. */
function synonymMatcher(list: BuildOptions['synonyms'], norm: (s: string) => string): SynonymMatcher {
  const byWord = new Map<string, Set<string>>();
  const tokensOf = (w: string) => {
    const t = norm(w);
    return [...hanRuns(t).flatMap((run) => ([...run].length === 1 ? [run] : bigrams(run))), ...latinWords(t)];
  };
  for (const entry of list ?? []) {
    // Only what the lay words add: a pair the page words have already (睡不 of 睡不着 and 睡不好) is not a synonym.
    const own = new Set(entry.means.flatMap(tokensOf));
    const tokens = entry.say.flatMap(tokensOf).filter((t) => !own.has(t));
    for (const m of entry.means) {
      const word = norm(m).trim();
      if (!word) continue;
      let set = byWord.get(word);
      if (!set) byWord.set(word, (set = new Set()));
      for (const t of tokens) set.add(t);
    }
  }
  return {
    means: [...byWord].map(([word, tokens]) => ({ word, latin: !isHan([...word][0]), tokens: [...tokens] })),
  };
}

/** Occurrences of a page word in a folded text (a Latin word whole, plural or not). */
const wholeWord = new Map<string, RegExp>();
function occurrences(text: string, word: string, latin: boolean): number {
  if (latin) {
    let re = wholeWord.get(word);
    if (!re) {
      re = new RegExp(`(?<![a-z0-9])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}s?(?![a-z0-9])`, 'g');
      wholeWord.set(word, re);
    }
    // match() with a global expression starts from the beginning whatever lastIndex says.
    return (text.match(re) ?? []).length;
  }
  let n = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) n++;
  return n;
}

export interface BuiltIndex {
  manifest: Manifest;
  manifestJson: string;
  manifestHash: string;
  /** Every other file, by path under the locale's folder ("<build>/t3.json", "<build>/d/12.json"). */
  files: Map<string, string>;
}

/** Traditional → Simplified character pairs seen in the texts (both directions of OpenCC, character by character). */
function foldPairs(texts: string[]): Map<string, string> {
  const pairs = new Map<string, string>();
  const zip = (from: string, to: string) => {
    const a = [...from];
    const b = [...to];
    if (a.length !== b.length) return;
    for (let i = 0; i < a.length; i++)
      if (a[i] !== b[i] && isHan(a[i]) && isHan(b[i]) && !pairs.has(a[i])) pairs.set(a[i], b[i]);
  };
  const simplifiedRuns = new Set<string>();
  for (const t of texts) {
    for (const run of hanRuns(t)) {
      const s = toSimplified(run);
      zip(run, s);
      simplifiedRuns.add(s);
    }
  }
  for (const s of simplifiedRuns) {
    zip(toTraditional(s, 'tw'), s);
    zip(toTraditional(s, 'hk'), s);
  }
  // A character that is itself a Simplified target stays as it is (著 in 著名 is Simplified too).
  const targets = new Set(pairs.values());
  for (const k of [...pairs.keys()]) if (targets.has(k)) pairs.delete(k);
  return pairs;
}

interface Analyzed {
  /** token → weighted frequency per field */
  tf: Map<string, Partial<Record<Field, number>>>;
  len: Record<Field, number>;
}

function analyzeDoc(
  d: SourceDoc,
  norm: (s: string) => string,
  opts: BuildOptions,
  syllables: Set<string>,
  synonyms: SynonymMatcher,
): Analyzed {
  const tf: Analyzed['tf'] = new Map();
  const len = { ti: 0, k: 0, h: 0, s: 0, n: 0, b: 0, y: 0 } as Record<Field, number>;
  const lay = new Map<string, number>();
  const add = (token: string, f: Field, by = 1) => {
    let e = tf.get(token);
    if (!e) tf.set(token, (e = {}));
    e[f] = (e[f] ?? 0) + by;
  };
  const names = [
    ...d.audiences.map((a) => opts.audiences[a]),
    ...d.topics.map((t) => opts.topics[t]),
    ...(d.names ?? []),
  ].filter(Boolean);
  const fields: Array<[Field, string[]]> = [
    ['ti', [d.title]],
    // The slug is English written by the editors ("quit-smoking-secondhand-smoke"): untranslated pages are found by it.
    [
      'k',
      [
        ...d.keywords,
        ...(d.originalTitle !== d.title ? [d.originalTitle] : []),
        d.type === 'hub' ? '' : d.id.replace(/-/g, ' '),
      ],
    ],
    ['h', d.headings],
    ['s', [d.summary]],
    ['n', names],
    ['b', d.body ? [d.body] : []],
  ];
  const short = new Set<Field>(['ti', 'k', 'n']);
  const spoken = new Set<Field>(['ti', 'k', 'h']);
  for (const [f, texts] of fields) {
    for (const raw of texts) {
      const text = norm(raw);
      for (const m of synonyms.means) {
        const n = occurrences(text, m.word, m.latin);
        if (n) for (const t of m.tokens) lay.set(t, (lay.get(t) ?? 0) + n * SYNONYM_FROM[f as Exclude<Field, 'y'>]);
      }
      for (const run of hanRuns(text)) {
        const chars = [...run];
        len[f] += chars.length;
        for (const g of bigrams(run)) add(g, f);
        if (short.has(f) || chars.length === 1) for (const c of chars) add(c, f);
        if (spoken.has(f)) {
          const syl = syllablesOf(run);
          if (syl.length === chars.length && syl.every((s) => /^[a-z]+$/.test(s))) {
            for (const s of syl) syllables.add(s);
            for (let i = 0; i + 1 < syl.length; i++) add(`'${syl[i]}${syl[i + 1]}`, f);
            // Initials of whole keywords and of the title's words ("gxy" for 高血压).
            if (f !== 'h' && chars.length >= 2 && chars.length <= 8) {
              const words = f === 'k' ? [syl] : segmentWords(run).map((w) => syllablesOf(w));
              for (const w of words) if (w.length >= 2) add(`^${w.map((s) => s[0]).join('')}`, f);
            }
          }
        }
      }
      const words = latinWords(text);
      len[f] += words.length;
      for (const w of words) add(w, f);
    }
  }
  // A page that uses a lay word itself is ranked by its own use of it.
  for (const [token, n] of lay) if (!tf.has(token)) add(token, 'y', n);
  return { tf, len };
}

let segmenter: Intl.Segmenter | undefined;
function segmentWords(run: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  return [...segmenter.segment(run)].filter((s) => s.isWordLike).map((s) => s.segment);
}

/** One locale's manifest, shards and doc files. */
export function buildIndex(docs: SourceDoc[], opts: BuildOptions): BuiltIndex {
  const subject = (d: SourceDoc) => `${d.topics[0] ?? ''}\u0000${d.audiences[0] ?? ''}\u0000${d.id}`;
  const sorted = [...docs].sort((a, b) => {
    const x = subject(a);
    const y = subject(b);
    return DOC_TYPES.indexOf(a.type) - DOC_TYPES.indexOf(b.type) || (x < y ? -1 : x > y ? 1 : 0);
  });
  const allTexts = sorted.flatMap((d) => [
    d.title,
    d.originalTitle,
    d.summary,
    ...d.headings,
    ...d.keywords,
    d.body ?? '',
    ...(d.names ?? []),
  ]);
  allTexts.push(...Object.values(opts.audiences), ...Object.values(opts.topics));
  const table = foldPairs(allTexts);
  const norm = (s: string) => fold(toSimplified(s.normalize('NFKC')), table);
  const syllables = new Set<string>();
  const synonyms = synonymMatcher(opts.synonyms, norm);
  const analyzed = sorted.map((d) => analyzeDoc(d, norm, opts, syllables, synonyms));

  const fieldNames = Object.keys(FIELDS) as Field[];
  const avg = Object.fromEntries(
    fieldNames.map((f) => [f, Math.max(1, analyzed.reduce((n, a) => n + a.len[f], 0) / Math.max(1, analyzed.length))]),
  ) as Record<Field, number>;

  // Postings: token → [doc, weight] pairs.
  const postings = new Map<string, Array<[number, number]>>();
  analyzed.forEach((a, doc) => {
    const boost = sorted[doc].boost ?? 1;
    for (const [token, per] of a.tf) {
      let wtf = 0;
      for (const f of fieldNames) {
        const n = per[f];
        if (!n) continue;
        const { w, b } = FIELDS[f];
        wtf += (w * n) / (1 - b + (b * a.len[f]) / avg[f]);
      }
      const weight = Math.max(1, Math.min(99, Math.round(99 * boost * (wtf / (K1 + wtf)))));
      let list = postings.get(token);
      if (!list) postings.set(token, (list = []));
      list.push([doc, weight]);
    }
  });

  const encoded = new Map<string, number[]>();
  let hashedBytes = 0;
  for (const [token, list] of [...postings].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const kept =
      list.length > MAX_POSTINGS
        ? [...list]
            .sort((x, y) => y[1] - x[1] || x[0] - y[0])
            .slice(0, MAX_POSTINGS)
            .sort((x, y) => x[0] - y[0])
        : list;
    const out = [list.length];
    let prev = 0;
    for (const [doc, w] of kept) {
      out.push(doc - prev, w);
      prev = doc;
    }
    encoded.set(token, out);
    if (!/^[a-z0-9]/.test(token)) hashedBytes += token.length * 3 + 6 + JSON.stringify(out).length;
  }
  const shardCount = 2 ** Math.max(0, Math.ceil(Math.log2(hashedBytes / SHARD_TARGET)));
  const shards = new Map<string, Shard>();
  // Every hashed shard exists, an empty one as {}: a query word no page has may hash to it (and a pack lists them all).
  for (let i = 0; i < shardCount; i++) shards.set(`t${i}`, {});
  for (const [token, list] of encoded) {
    for (const name of shardsOf(token, shardCount)) {
      let s = shards.get(name);
      if (!s) shards.set(name, (s = {}));
      s[token] = list;
    }
  }

  const records: DocRecord[] = sorted.map((d) => {
    const r: DocRecord = {
      u: docUrl(opts.base, d.type, d.id),
      t: DOC_TYPES.indexOf(d.type),
      ti: d.title,
      s: d.summary,
      a: d.audiences.map((a) => opts.audiences[a] ?? a),
      b: (d.body ?? '').slice(0, DOC_BODY_MAX),
    };
    if (d.note) r.o = d.note;
    return r;
  });

  const content = new Map<string, string>();
  for (const [name, s] of [...shards].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
    content.set(`${name}.json`, JSON.stringify(s));
  for (let g = 0; g * DOC_GROUP < records.length; g++)
    content.set(`d/${g}.json`, JSON.stringify(records.slice(g * DOC_GROUP, (g + 1) * DOC_GROUP)));
  const build = contentHash([...content].map(([k, v]) => `${k}\n${v}`).join('\n'));
  const files = new Map([...content].map(([k, v]) => [`${build}/${k}`, v]));

  const manifest: Manifest = {
    v: 3,
    locale: opts.locale,
    n: sorted.length,
    dir: `${opts.dir}/${build}`,
    group: DOC_GROUP,
    size: [...content.values()].reduce((n, v) => n + Buffer.byteLength(v), 0),
    shards: shardCount,
    words: [...shards.keys()]
      .filter((k) => k.startsWith('w-'))
      .map((k) => k.slice(2))
      .sort(),
    fold: [...table]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([t, s]) => t + s)
      .join(''),
    syllables: [...syllables].sort().join(' '),
  };
  const manifestJson = JSON.stringify(manifest);
  return { manifest, manifestJson, manifestHash: contentHash(manifestJson), files };
}
