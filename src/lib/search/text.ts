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

/**
 * Who a question is about (the asker's family, a child, an elder): kept, but weighed far below what it is about, so
 * "我妈妈血压160怎么办" is about 血压 and not about 妈妈. Each names the group pages write for, when it implies one
 * (奶奶 → 老人), which counts at the same low weight. Simplified, Traditional and Cantonese forms; English in
 * EN_WHO. Longest first, like the fillers.
 */
const ELDER = '老人';
const CHILD = '孩子';
const BABY = '宝宝';
export const WHO: ReadonlyMap<string, string | undefined> = new Map(
  (
    [
      ...['爷爷', '奶奶', '外公', '外婆', '姥姥', '姥爷', '老人家', '老伴', '公公', '婆婆', '阿爷', '阿嫲', '嫲嫲'].map(
        (w) => [w, ELDER] as const,
      ),
      ...['爺爺', '老伴兒', '阿爺', '老人家'].map((w) => [w, ELDER] as const),
      ['老人', ELDER],
      ['老年人', ELDER],
      ['长者', ELDER],
      ['長者', ELDER],
      ...['孩子', '小孩', '儿子', '女儿', '孙子', '孙女', '小朋友', '兒子', '女兒', '孫子', '孫女', '細路'].map(
        (w) => [w, CHILD] as const,
      ),
      ...['宝宝', '婴儿', '寶寶', '嬰兒', 'bb仔', 'bb女'].map((w) => [w, BABY] as const),
      ...[
        '妈妈',
        '爸爸',
        '媽媽',
        '老妈',
        '老爸',
        '老媽',
        '阿妈',
        '阿爸',
        '阿媽',
        '老豆',
        '老母',
        '母亲',
        '父亲',
        '母親',
        '父親',
        '老公',
        '老婆',
        '丈夫',
        '妻子',
        '爱人',
        '愛人',
        '家人',
        '家里人',
        '家裡人',
        '屋企人',
        '同事',
        '朋友',
        '邻居',
        '鄰居',
        '妈',
        '爸',
        '媽',
      ].map((w) => [w, undefined] as const),
    ] as Array<readonly [string, string | undefined]>
  ).sort((a, b) => b[0].length - a[0].length),
);

const EN_WHO: ReadonlyMap<string, string | undefined> = new Map([
  ...['grandma', 'grandpa', 'granny', 'grandmother', 'grandfather', 'grandparent', 'grandparents'].map(
    (w) => [w, 'older'] as const,
  ),
  ...['son', 'daughter', 'kid', 'kids'].map((w) => [w, 'child'] as const),
  ...['mum', 'mom', 'mother', 'dad', 'father', 'husband', 'wife', 'partner', 'parent', 'parents', 'colleague'].map(
    (w) => [w, undefined] as const,
  ),
]);

/** How much who a question is about counts against what it is about. */
export const WHO_WEIGHT = 0.3;
/** A measure named by a reading (160 → 血压) is what the question is about: it counts double. */
export const READING_WEIGHT = 2;

/**
 * Numbers a resident reads off a meter, and what they are readings of: 160 or 145/95 → blood pressure, 7.0 or
 * 11.1 → blood glucose (mmol/L). A number with another unit (岁, 斤, kg, 度, 次…) is not a reading.
 */
const BP_PAIR = /(\d{2,3})\s*[/／]\s*(\d{2,3})/g;
const NUMBER = /(\d+(?:\.\d+)?)(\s*)(%|[a-z]+|[\p{Script=Han}℃°])?/gu;
/** Units and counters after a number that make it something other than a reading. */
const NOT_A_READING =
  /^(?:岁|歲|周|年|月|个|個|天|日|次|斤|公斤|克|千克|米|厘米|公分|cm|kg|g|mg|ml|毫|升|度|℃|°|元|块|蚊|号|號|楼|樓|层|層|步|分|秒|小时|种|種|片|粒|颗|顆|杯|碗|口|根|支|包|岁了|周岁)/u;
export const READINGS = {
  pressure: { zh: '血压', en: ['blood', 'pressure'] },
  glucose: { zh: '血糖', en: ['blood', 'sugar'] },
} as const;

/** The reading a number in a query is, if any (the text after it decides: "160斤" is a weight). */
export function readingOf(value: string, after: string): keyof typeof READINGS | undefined {
  if (NOT_A_READING.test(after.trim())) return undefined;
  const v = Number(value);
  if (/^\d{3}$/.test(value) && v >= 130 && v <= 260) return 'pressure';
  if (/^\d{1,2}\.\d{1,2}$/.test(value) && v >= 2 && v <= 33.3) return 'glucose';
  return undefined;
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  兩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
/** 七十 → 70, 六十五 → 65, 十三 → 13, 一百零二 → 102; undefined when it is not a plain Chinese number. */
export function chineseNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  let total = 0;
  let digit: number | undefined;
  for (const c of text) {
    if (c === '零' || c === '〇') continue;
    if (c in CN_DIGITS) {
      if (digit !== undefined) return undefined;
      digit = CN_DIGITS[c];
    } else if (c === '十' || c === '百') {
      total += (digit ?? 1) * (c === '十' ? 10 : 100);
      digit = undefined;
    } else return undefined;
  }
  return total + (digit ?? 0);
}

const AGE = /([0-9]{1,3}|[零〇一二两兩三四五六七八九十百]{1,5})\s*(?:多)?(?:周岁|岁|歲)/gu;
/** The group an age belongs to, as pages name it (70 → 老人). */
export function ageGroup(age: number): string | undefined {
  if (age >= 60) return ELDER;
  if (age <= 2) return BABY;
  if (age <= 17) return CHILD;
  return undefined;
}

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

/** "A不A" / "A没A" questions (会不会, 要不要, 算不算, 有没有): the grammar of asking, not its subject. */
const A_NOT_A = /(\p{Script=Han})[不没沒唔]\1/gu;
/** Counted amounts (七八种, 三个, 两次, 几年): how much, not what. */
const AMOUNT =
  /[零〇一二两兩三四五六七八九十百几幾]+(?:种|種|个|個|次|遍|天|年|顿|頓|杯|碗|片|粒|颗|顆|斤|块|塊|支|根|位|口)/gu;

/** Removes filler words, leaving a space where each was, so the words around it are not joined. */
export function dropFillers(text: string): string {
  let out = text.replace(A_NOT_A, ' ').replace(AMOUNT, ' ');
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

/** One part of a query: the token lists it can be read as (a Latin word may be English, pinyin or initials). */
export interface QueryUnit {
  text: string;
  readings: string[][];
  /** Below 1 for who a question is about (WHO_WEIGHT): counts that much in score and in coverage. */
  weight?: number;
}

/** Han runs with more pairs than this are read by every other pair. */
const LONG_RUN = 8;

let segmenter: Intl.Segmenter | null | undefined;
/**
 * A run read as words, by the platform's word splitter (Intl.Segmenter; none on old browsers, then undefined): the
 * pairs inside each word, a one-character word as itself. Only for runs of three characters or more.
 */
export function wordPairs(run: string): string[] | undefined {
  if ([...run].length < 3) return undefined;
  segmenter ??= typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
  if (!segmenter) return undefined;
  const out: string[] = [];
  for (const s of segmenter.segment(run)) {
    if (s.isWordLike === false) continue;
    // A one-character word (药 in 药太多) as itself: titles and keywords index single characters.
    out.push(...([...s.segment].length === 1 ? [s.segment] : bigrams(s.segment)));
  }
  return out;
}

function hanReading(word: string): string[] {
  const grams = bigrams(word);
  return grams.length ? grams : [word];
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
  let text = fold(query.normalize('NFKC').slice(0, 100), ctx.fold);
  const units: QueryUnit[] = [];
  const seen = new Set<string>();
  // What it is about first: readings become the measure they are a reading of ("160" → 血压).
  const measures = new Set<keyof typeof READINGS>();
  text = text.replace(BP_PAIR, (m, a: string, b: string) => {
    const hi = Number(a);
    const lo = Number(b);
    if (hi < 70 || hi > 260 || lo < 40 || lo > 160 || lo >= hi) return m;
    measures.add('pressure');
    return ' ';
  });
  text = text.replace(
    NUMBER,
    (m, value: string, space: string, _after: string | undefined, at: number, all: string) => {
      const reading = readingOf(value, all.slice(at + value.length + space.length, at + m.length + 3));
      if (!reading) return m;
      measures.add(reading);
      return ` ${m.slice(value.length + space.length)}`;
    },
  );
  // Who it is about: an age, a relative, a group — kept as low-weight units.
  const who: Array<string | undefined> = [];
  const groups: string[] = [];
  text = text.replace(AGE, (_m, n: string) => {
    const g = ageGroup(chineseNumber(n) ?? NaN);
    if (g) groups.push(g);
    return ' ';
  });
  text = dropFillers(text);
  for (const [w, group] of WHO) {
    if (!text.includes(w)) continue;
    text = text.split(w).join(' ');
    who.push(w);
    if (group) groups.push(group);
  }
  const latin = (text.toLowerCase().match(LATIN_WORDS) ?? []).filter((w) => !EN_STOP.has(w));
  for (const w of latin) {
    if (!EN_WHO.has(w)) continue;
    who.push(w);
    const g = EN_WHO.get(w);
    if (g) groups.push(g);
  }
  for (const m of measures) {
    const { zh, en } = READINGS[m];
    if (seen.has(zh)) continue;
    seen.add(zh);
    units.push({ text: zh, readings: [hanReading(zh), [...en]], weight: READING_WEIGHT });
  }
  for (const run of hanRuns(text)) {
    if (seen.has(run)) continue;
    seen.add(run);
    let grams = bigrams(run);
    // A long sentence: every other pair still covers each character (and many pairs no page has weigh less).
    if (grams.length > LONG_RUN) grams = grams.filter((_, i) => i % 2 === 0 || i === grams.length - 1);
    const readings = [grams.length ? grams : [run]];
    // Also read as words, where the browser can split them: pairs across words (病能, 吃水 in 糖尿病能吃水果) dropped.
    const words = wordPairs(run);
    if (words?.length && words.join() !== grams.join()) readings.push(words);
    units.push({ text: run, readings });
  }
  for (const w of latin) {
    if (seen.has(w) || EN_WHO.has(w)) continue;
    seen.add(w);
    const readings: string[][] = [[stem(w)]];
    if (/^[a-z]+$/.test(w)) {
      const syl = splitPinyin(w, ctx.syllables);
      if (syl && syl.length >= 2) readings.push(pinyinPairs(syl));
      if (w.length >= 2 && w.length <= 6) readings.push([`^${w}`]);
    }
    units.push({ text: w, readings });
  }
  // Who, last and light: the relative or group itself, and the group pages name (奶奶 → 老人).
  for (const w of [...who, ...groups]) {
    if (!w || seen.has(w)) continue;
    seen.add(w);
    const readings = isHan([...w][0]) ? [hanReading(w)] : [[stem(w)]];
    units.push({ text: w, readings, weight: WHO_WEIGHT });
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

/**
 * The shard file (without ".json") that holds a token, as a list: Latin words by their first two letters (typos
 * are matched within the file), everything else by its hash. (Filing a Han pair under both its characters, so
 * the pairs of a word meet in one file, halved the files per new query at 5,000 articles but made the files of
 * common characters — 血, 人 — many times the size: 1.6× the bytes for the first search. docs/search.md.)
 */
export function shardsOf(token: string, shards: number): string[] {
  return [isWordToken(token) ? `w-${token.slice(0, 2)}` : `t${tokenHash(token) % shards}`];
}

/**
 * The files a query must still fetch for its tokens: none for a token whose file is fetched or on its way
 * (`have`); where a token may sit in more than one file, the fewest files (a greedy set cover; ties by name).
 */
export function shardsFor(tokens: Iterable<string>, shards: number, have: (name: string) => boolean): string[] {
  const open = new Map<string, string[]>();
  for (const t of tokens) {
    const names = shardsOf(t, shards);
    if (!names.some(have)) open.set(t, names);
  }
  const chosen: string[] = [];
  while (open.size) {
    const count = new Map<string, number>();
    for (const names of open.values()) for (const n of names) count.set(n, (count.get(n) ?? 0) + 1);
    const [best] = [...count].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    chosen.push(best);
    for (const [t, names] of open) if (names.includes(best)) open.delete(t);
  }
  return chosen;
}
