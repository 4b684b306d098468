/**
 * Tokenising Chinese (and English) for search: Intl.Segmenter words plus every single Han character of a
 * multi-character word, so "高血压" also matches "血压" and a one-character typo still leaves characters that
 * match. Runs in the browser and at build time alike (no dictionaries to ship: the browser has one).
 */
const HAN = /\p{Script=Han}/u;
let segmenter: Intl.Segmenter | undefined;

function words(text: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: string[] = [];
  for (const s of segmenter.segment(text)) if (s.isWordLike) out.push(s.segment);
  return out;
}

const ASCII = /^\p{ASCII}*$/u;
const ASCII_WORDS = /[a-z0-9]+/g;
const memo = new Map<string, string[]>();

/**
 * Lower-cased words, then the single Han characters of each multi-character Han word; no duplicates.
 * Memoised (keywords repeat across pages), and plain ASCII (pinyin, English) skips the segmenter.
 */
export function tokenize(text: string): string[] {
  let hit = memo.get(text);
  if (!hit) {
    hit = ASCII.test(text) ? [...new Set(text.toLowerCase().match(ASCII_WORDS) ?? [])] : segment(text);
    if (memo.size > 20_000) memo.clear();
    memo.set(text, hit);
  }
  return hit;
}

function segment(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (t: string) => {
    if (!seen.has(t)) {
      seen.add(t);
      out.push(t);
    }
  };
  const ws = words(text.toLowerCase());
  for (const w of ws) add(w);
  for (const w of ws) {
    const chars = [...w];
    if (chars.length > 1 && HAN.test(w)) for (const c of chars) if (HAN.test(c)) add(c);
  }
  return out;
}
