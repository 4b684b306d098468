/**
 * The words of search, shared by the index builder (Node) and the query side (browser); no dictionaries.
 *
 * Index tokens, all in Simplified characters (Traditional folded at build time and, through a small table the
 * manifest carries, at query time):
 *   - Han bigrams of every field (body text included): "高血压" → 高血, 血压. Word order and filler words do not
 *     matter, one wrong character still leaves bigrams that match, and no segmenter has to agree with itself.
 *   - Han single characters of the short fields (title, keywords, names), for one-character queries.
 *   - English/Latin words ("aed", "blood", "fall" — lightly stemmed), prefixed by nothing.
 *   - pinyin syllable pairs of Han text, prefixed "'": 高血压 → 'gaoxue, 'xueya ("gaoxueya", "xueya" find it).
 *   - pinyin initials of keywords and title words, prefixed "^": 高血压 → ^gxy.
 * Pinyin and English live in separate namespaces: "flu" never matches inside a pinyin string.
 */

const HAN = /\p{Script=Han}/u;
const HAN_RUNS = /\p{Script=Han}+/gu;
const LATIN_WORDS = /[a-z0-9]+(?:'[a-z]+)?/g;

/**
 * Filler words a resident puts around the subject (questions, particles, pronouns; Mandarin and Cantonese).
 * Removed from queries before anything else, longest first, so "高血压怎么办" searches 高血压 and
 * "点样戒烟" searches 戒烟. Kept short on purpose: words with meaning (痛, 药, 老人) stay.
 */
export const FILLERS = [
  '怎么办',
  '怎么样',
  '怎么',
  '怎样',
  '如何',
  '为什么',
  '为何',
  '什么',
  '是不是',
  '是否',
  '有没有',
  '能不能',
  '可不可以',
  '可以',
  '应该',
  '需要',
  '还是',
  '请问',
  '一下',
  '哪里',
  '哪儿',
  '哪些',
  '多少',
  '吗',
  '呢',
  '吧',
  '啊',
  '呀',
  '嘛',
  '了',
  '的',
  '我们',
  '我',
  '你们',
  '您',
  '你',
  '这个',
  '那个',
  '要',
  '点样',
  '点解',
  '点算',
  '咩',
  '嘅',
  '咗',
  '啲',
  '喺',
  '唔该',
  '吖',
  '咁',
  '好唔好',
].sort((a, b) => b.length - a.length);

/** English words that carry no subject. */
const EN_STOP = new Set(
  'a an and are as at be by can could do does for from how i if in is it its me my of on or our should the their them they this to was what when where which who why will with you your'.split(
    ' ',
  ),
);

/** "vaccinations" → "vaccination", "falls" → "fall", "babies" → "baby"; enough for titles and topic names. */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith("'s")) word = word.slice(0, -2);
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

export function isHan(c: string): boolean {
  return HAN.test(c);
}

/** Folds Traditional characters to Simplified with a character table ("血壓" → "血压"); lengths are unchanged. */
export function fold(text: string, table: ReadonlyMap<string, string>): string {
  if (table.size === 0) return text.toLowerCase();
  let out = '';
  for (const c of text.toLowerCase()) out += table.get(c) ?? c;
  return out;
}

/** Parses "t1s1t2s2…" (pairs of Traditional, Simplified characters) into a table. */
export function foldTable(pairs: string): Map<string, string> {
  const chars = [...pairs];
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i], chars[i + 1]);
  return map;
}

/** Removes filler words, leaving a space where each was, so the words around it are not joined. */
export function dropFillers(text: string): string {
  let out = text;
  for (const f of FILLERS) if (out.includes(f)) out = out.split(f).join(' ');
  return out;
}

export function hanRuns(text: string): string[] {
  return text.match(HAN_RUNS) ?? [];
}

export function bigrams(run: string): string[] {
  const c = [...run];
  if (c.length < 2) return [];
  const out: string[] = [];
  for (let i = 0; i + 1 < c.length; i++) out.push(c[i] + c[i + 1]);
  return out;
}

/** Lower-case Latin words, stemmed, English stop words dropped. */
export function latinWords(text: string): string[] {
  return (text.toLowerCase().match(LATIN_WORDS) ?? []).filter((w) => !EN_STOP.has(w)).map(stem);
}

/**
 * Splits typed pinyin into syllables ("gaoxueya" → gao xue ya) with the syllables the index knows; fewest
 * syllables wins (so "xian" stays one). Undefined when the word is not pinyin ("flu", "aed").
 */
export function splitPinyin(word: string, syllables: ReadonlySet<string>): string[] | undefined {
  const n = word.length;
  const best: Array<string[] | undefined> = new Array(n + 1);
  best[0] = [];
  for (let i = 0; i < n; i++) {
    const here = best[i];
    if (!here) continue;
    for (let j = i + 1; j <= Math.min(n, i + 6); j++) {
      const s = word.slice(i, j);
      if (!syllables.has(s)) continue;
      const next = best[j];
      if (!next || next.length > here.length + 1) best[j] = [...here, s];
    }
  }
  return best[n];
}

/** Pinyin tokens of a syllable sequence: each adjacent pair, "'" + s1 + s2. */
export function pinyinPairs(syllables: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < syllables.length; i++) out.push(`'${syllables[i]}${syllables[i + 1]}`);
  return out;
}

/** Han runs with more pairs than this are read by every other pair. */
const LONG_RUN = 8;

/** One part of a query: the token lists it can be read as (a Latin word may be English, pinyin or initials). */
export interface QueryUnit {
  text: string;
  readings: string[][];
}

export interface QueryContext {
  fold: ReadonlyMap<string, string>;
  syllables: ReadonlySet<string>;
}

/**
 * What a query asks for: filler words dropped, Traditional folded, each Han run as its bigrams (one character
 * alone as itself), each Latin word as English, as pinyin when it parses as pinyin, and as initials when short.
 */
export function analyzeQuery(query: string, ctx: QueryContext): QueryUnit[] {
  const folded = fold(query.normalize('NFKC').slice(0, 100), ctx.fold);
  const text = dropFillers(folded);
  const units: QueryUnit[] = [];
  const seen = new Set<string>();
  for (const run of hanRuns(text)) {
    if (seen.has(run)) continue;
    seen.add(run);
    let grams = bigrams(run);
    // A long sentence: every other pair still covers each character, with half the shards to fetch.
    if (grams.length > LONG_RUN) grams = grams.filter((_, i) => i % 2 === 0 || i === grams.length - 1);
    units.push({ text: run, readings: [grams.length ? grams : [run]] });
  }
  const raw = text.toLowerCase().match(LATIN_WORDS) ?? [];
  const words = raw.filter((w) => !EN_STOP.has(w));
  for (const w of words) {
    if (seen.has(w)) continue;
    seen.add(w);
    const readings: string[][] = [[stem(w)]];
    if (/^[a-z]+$/.test(w)) {
      const syl = splitPinyin(w, ctx.syllables);
      if (syl && syl.length >= 2) readings.push(pinyinPairs(syl));
      if (w.length >= 2 && w.length <= 6) readings.push([`^${w}`]);
    }
    units.push({ text: w, readings });
  }
  return units;
}

/** FNV-1a over UTF-16 code units: which hashed shard holds a token (the same in Node and the browser). */
export function tokenHash(token: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) {
    h ^= token.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Is a token a Latin word (sharded by its first two letters, matched with typo tolerance)? */
export function isWordToken(token: string): boolean {
  return /^[a-z0-9]/.test(token);
}

/** The shard file (without ".json") that holds a token. */
export function shardOf(token: string, shards: number): string {
  return isWordToken(token) ? `w-${token.slice(0, 2)}` : `t${tokenHash(token) % shards}`;
}
