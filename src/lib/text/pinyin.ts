/**
 * Pinyin ruby for article bodies, at build time only (pinyin-pro).
 *
 * addPinyinRuby() takes rendered HTML and puts a <ruby> with the tone-marked Mandarin reading over every Han
 * character in text nodes, one ruby per character so lines still break between characters:
 *   血压 → <ruby>血<rt>xuè</rt></ruby><ruby>压<rt>yā</rt></ruby>
 * (no <rp> fallback parentheses: every browser we serve renders ruby, and each <rp> adds two DOM nodes per
 * character to pages that are long already.)
 *
 * - Tags, attribute values, comments and character references (&amp;, &#x8840;) are copied byte for byte;
 *   only the Han characters of text nodes change. Nothing inside code-like elements (code, pre, kbd, samp),
 *   raw-text elements (script, style, textarea, title), existing ruby/rt/rp, svg, math or select is touched,
 *   so running it twice changes nothing.
 * - Polyphones are read in context: text nodes are joined across inline elements (<strong>, <a> …; every
 *   other tag ends the context), and each run of Han characters goes to pinyin-pro whole, which segments it
 *   into words (血压 xuè yā, 重阳 chóng yáng, 长辈 zhǎng bèi, 银行 yín háng …). A short list of words it
 *   misreads in health texts is added to it (HEALTH_WORDS). 一 and 不 carry their spoken (sandhi) tone,
 *   pinyin-pro's default: 一个 yí gè, 不要 bú yào.
 * - Traditional text: pinyin-pro's dictionary of words is simplified (its `traditional` option does not fix
 *   長輩, 銀行, 還是, 睡覺, 重陽), so the text is converted to simplified with OpenCC (Taiwan forms → mainland)
 *   for the lookup only; the page keeps its own characters. The lookup must line up character for character
 *   with the page; where a conversion would change the length, characters are converted one by one.
 *
 * The HTML is expected to be what the site's own renderer produced (well-formed, quoted attributes); the
 * scanner only needs to find text nodes, so a small tokenizer does here what a full parser would.
 */
import { Converter } from 'opencc-js';
import { customPinyin, pinyin } from 'pinyin-pro';
import { escapeHtml } from './escape.ts';

export type Script = 'hans' | 'hant';

/** A character that gets a reading: a CJK unified ideograph (any block) or 〇 (líng). */
const HAN = /[\p{Unified_Ideograph}\u3007]/u;

/** Elements whose text is never annotated (and whose contents are never split into ruby). */
const SKIP = new Set(['code', 'pre', 'kbd', 'samp', 'ruby', 'rt', 'rp', 'rb', 'rtc', 'svg', 'math', 'select']);
/** Elements whose content is raw text up to their end tag. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);
/** Inline elements a word may run across; any other tag ends the context passed to pinyin-pro. */
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'mark',
  'q',
  's',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
]);

/** A start or end tag, attribute values quoted with " or ' (which may contain >). */
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/y;

/**
 * Words pinyin-pro 3.29 reads wrongly that health articles use (found by reading every sample article through
 * it): its dictionary lists only words whose reading differs from a character's first reading, and lacks
 * these. Simplified forms; traditional text is looked up through its simplified copy. Neutral tones that it
 * gives in citation tone (肚子 dù zǐ, 东西 dōng xī) are left alone: the syllable is right.
 */
const HEALTH_WORDS: Record<string, string> = {
  // 脏 zàng, an organ (pinyin-pro always says zāng, dirty)
  心脏: 'xīn zàng',
  肝脏: 'gān zàng',
  脾脏: 'pí zàng',
  肺脏: 'fèi zàng',
  肾脏: 'shèn zàng',
  内脏: 'nèi zàng',
  脏器: 'zàng qì',
  脏腑: 'zàng fǔ',
  五脏: 'wǔ zàng',
  // 还 hái after 医生 etc., not 生还 shēng huán
  医生还: 'yī shēng hái',
  先生还: 'xiān shēng hái',
  学生还: 'xué shēng hái',
  卫生还: 'wèi shēng hái',
  // 得 de after a verb or adjective (pinyin-pro says dé), 得 děi (must)
  长得: 'zhǎng de',
  睡得: 'shuì de',
  醒得: 'xǐng de',
  吃得: 'chī de',
  喝得: 'hē de',
  疼得: 'téng de',
  痛得: 'tòng de',
  肿得: 'zhǒng de',
  累得: 'lèi de',
  起得: 'qǐ de',
  做得: 'zuò de',
  坐得: 'zuò de',
  查得: 'chá de',
  拿得: 'ná de',
  凑得: 'còu de',
  走得: 'zǒu de',
  跑得: 'pǎo de',
  站得: 'zhàn de',
  说得: 'shuō de',
  看得: 'kàn de',
  听得: 'tīng de',
  想得: 'xiǎng de',
  活得: 'huó de',
  过得: 'guò de',
  练得: 'liàn de',
  穿得: 'chuān de',
  住得: 'zhù de',
  洗得: 'xǐ de',
  刷得: 'shuā de',
  饿得: 'è de',
  急得: 'jí de',
  忙得: 'máng de',
  控制得: 'kòng zhì de',
  恢复得: 'huī fù de',
  照顾得: 'zhào gù de',
  必须得: 'bì xū děi',
  // 只 zhǐ (only) before a verb; the measure word stays zhī (一只 两只)
  只吃: 'zhǐ chī',
  只喂: 'zhǐ wèi',
  只帮: 'zhǐ bāng',
  只听: 'zhǐ tīng',
  只想: 'zhǐ xiǎng',
  只说: 'zhǐ shuō',
  只加: 'zhǐ jiā',
  只作: 'zhǐ zuò',
  只可: 'zhǐ kě',
  只喝: 'zhǐ hē',
  只用: 'zhǐ yòng',
  只做: 'zhǐ zuò',
  只会: 'zhǐ huì',
  只看: 'zhǐ kàn',
  只打: 'zhǐ dǎ',
  只需: 'zhǐ xū',
  只剩: 'zhǐ shèng',
  一只: 'yì zhī',
  // 地 de after an adverb (pinyin-pro says dì)
  慢慢地: 'màn màn de',
  短短地: 'duǎn duǎn de',
  轻轻地: 'qīng qīng de',
  好好地: 'hǎo hǎo de',
  静静地: 'jìng jìng de',
  渐渐地: 'jiàn jiàn de',
  默默地: 'mò mò de',
  悄悄地: 'qiāo qiāo de',
  不停地: 'bù tíng de',
  放心地: 'fàng xīn de',
  完整地: 'wán zhěng de',
  认真地: 'rèn zhēn de',
  // one-offs
  百日咳: 'bǎi rì ké',
  咯痰: 'kǎ tán',
  中间隔: 'zhōng jiān gé',
  发育: 'fā yù',
  呕吐: 'ǒu tù',
  补种: 'bǔ zhòng',
  有空: 'yǒu kòng',
  背奶: 'bēi nǎi',
  背孩子: 'bēi hái zi',
  倒掉: 'dào diào',
  倒水: 'dào shuǐ',
  待够: 'dāi gòu',
  待着: 'dāi zhe',
  待在: 'dāi zài',
  铺上: 'pū shàng',
  铺防滑: 'pū fáng huá',
  血量: 'xuè liàng',
  数数: 'shǔ shù',
  看看: 'kàn kan',
  后头晕: 'hòu tóu yūn',
  哪儿: 'nǎ er',
  这儿: 'zhè er',
  那儿: 'nà er',
};

let dictionaryReady = false;
function readyDictionary(): void {
  if (dictionaryReady) return;
  customPinyin(HEALTH_WORDS); // adds to pinyin-pro's process-wide custom words (nothing else here uses them)
  dictionaryReady = true;
}

let toMainland: ((s: string) => string) | undefined;
function simplify(text: string): string {
  toMainland ??= Converter({ from: 'tw', to: 'cn' });
  return toMainland(text);
}

/** The simplified form of `chars`, one code point for each of theirs. */
function simplifiedAligned(chars: string[]): string[] {
  const whole = Array.from(simplify(chars.join('')));
  if (whole.length === chars.length) return whole;
  return chars.map((c) => {
    const one = Array.from(simplify(c));
    return one.length === 1 ? one[0]! : c;
  });
}

/**
 * Maps every group of code points to as many strings. `all` runs once on all groups joined by a line break
 * (which no OpenCC phrase crosses): OpenCC costs mostly per call, so one call per article body is several
 * times faster. If its result does not line up, `each` runs per group.
 */
function batched(
  groups: string[][],
  all: (chars: string[]) => string[],
  each: (chars: string[]) => string[],
): string[][] {
  const joined: string[] = [];
  groups.forEach((g, n) => {
    if (n) joined.push('\n');
    joined.push(...g);
  });
  const result = all(joined);
  if (result.length === joined.length) {
    const split: string[][] = [];
    let at = 0;
    for (const g of groups) {
      if (split.length && result[at++] !== '\n') break;
      split.push(result.slice(at, at + g.length));
      at += g.length;
    }
    if (split.length === groups.length) return split;
  }
  return groups.map(each);
}

/** A syllable as pinyin-pro spells it (ǹg, ḿ, ê̄ …); it hands back a character it cannot read unchanged. */
const SYLLABLE = /^[\p{Script=Latin}\p{M}]+$/u;

/**
 * Readings already made, by run. A run's reading depends on the run alone (see readRuns), and the same runs come
 * back again and again: in every text of a topic, and in each Traditional text, read through its simplified copy,
 * as in the Simplified one. pinyin-pro's segmentation was most of a pinyin file's cost. Bounded, so a district's
 * build does not keep every sentence it ever read.
 */
const readings = new Map<string, readonly string[]>();
const MAX_READINGS = 100_000;

/**
 * pinyin-pro's reading of each code point, the code point itself where it has none (type 'array': one entry
 * per code point, several times faster than type 'all').
 */
function pinyinOf(chars: string[]): readonly string[] {
  const run = chars.join('');
  let read = readings.get(run);
  if (read) return read;
  read = pinyin(run, { type: 'array', toneType: 'symbol' });
  if (read.length !== chars.length) read = chars.map((c) => pinyin(c, { type: 'array', toneType: 'symbol' })[0] ?? c); // never seen
  if (readings.size >= MAX_READINGS) readings.clear();
  readings.set(run, read);
  return read;
}

/**
 * Reads each run of Han characters on its own. No word and no tone sandhi crosses a non-Han character, but
 * pinyin-pro's word choice (maximum probability, in floating point) can change with the length of the whole
 * text, so reading a paragraph or a page in one call would let one sentence change another's reading.
 */
function readRuns(chars: string[]): string[] {
  const read = chars.slice();
  for (let i = 0; i < chars.length;) {
    if (!HAN.test(chars[i]!)) {
      i += 1;
      continue;
    }
    let end = i + 1;
    while (end < chars.length && HAN.test(chars[end]!)) end += 1;
    read.splice(i, end - i, ...pinyinOf(chars.slice(i, end)));
    i = end;
  }
  return read;
}

function ruby(char: string, reading: string): string {
  return `<ruby>${char}<rt>${reading}</rt></ruby>`;
}

/** Annotates, in place, the text nodes out[k] of every context (a list of indexes in out read together). */
function annotate(out: string[], contexts: number[][], script: Script): void {
  const withHan = contexts.filter((ks) => ks.some((k) => HAN.test(out[k]!)));
  if (!withHan.length) return;
  readyDictionary();
  const parts = withHan.map((ks) => ks.map((k) => Array.from(out[k]!)));
  const chars = parts.map((p) => p.flat());
  const lookup =
    script === 'hant' ? batched(chars, (cs) => Array.from(simplify(cs.join(''))), simplifiedAligned) : chars;
  const read = lookup.map(readRuns);
  withHan.forEach((ks, n) => {
    let at = 0;
    ks.forEach((k, m) => {
      let s = '';
      for (const c of parts[n]![m]!) {
        const r = read[n]![at]!;
        s += HAN.test(c) && r !== lookup[n]![at] && SYLLABLE.test(r) ? ruby(c, r) : c;
        at += 1;
      }
      out[k] = s;
    });
  });
}

/**
 * Returns `html` with the Mandarin reading (pinyin with tone marks) over every Han character of its text
 * nodes. `script` is the script of the text: 'hant' pages are read through a simplified copy.
 */
export function addPinyinRuby(html: string, script: 'hans' | 'hant'): string {
  if (!HAN.test(html)) return html;
  const out: string[] = [];
  const contexts: number[][] = [];
  let context: number[] = []; // indexes in out of the text nodes read together
  const endContext = () => {
    if (context.length) contexts.push(context);
    context = [];
  };
  const skipDepth = new Map<string, number>();
  let skipping = 0;
  let text = '';
  const flushText = () => {
    if (!text) return;
    out.push(text);
    if (skipping === 0) context.push(out.length - 1);
    text = '';
  };

  let pos = 0;
  while (pos < html.length) {
    const lt = html.indexOf('<', pos);
    if (lt === -1) {
      text += html.slice(pos);
      break;
    }
    text += html.slice(pos, lt);
    pos = lt;

    if (html.startsWith('<!--', pos)) {
      const end = html.indexOf('-->', pos + 4);
      const stop = end === -1 ? html.length : end + 3;
      flushText();
      out.push(html.slice(pos, stop)); // a comment does not end the context
      pos = stop;
      continue;
    }
    if (html[pos + 1] === '!' || html[pos + 1] === '?') {
      const end = html.indexOf('>', pos);
      const stop = end === -1 ? html.length : end + 1;
      flushText();
      endContext();
      out.push(html.slice(pos, stop));
      pos = stop;
      continue;
    }
    TAG.lastIndex = pos;
    const m = TAG.exec(html);
    if (!m) {
      text += '<'; // a stray "<" is text
      pos += 1;
      continue;
    }
    flushText();
    const closing = m[1] === '/';
    const name = m[2]!.toLowerCase();
    const selfClosing = !closing && /\/\s*$/.test(m[3]!);
    if (!INLINE.has(name)) endContext();
    out.push(m[0]);
    pos = TAG.lastIndex;

    if (SKIP.has(name) && !selfClosing) {
      const depth = skipDepth.get(name) ?? 0;
      if (!closing) {
        skipDepth.set(name, depth + 1);
        skipping += 1;
      } else if (depth > 0) {
        skipDepth.set(name, depth - 1);
        skipping -= 1;
      }
    } else if (RAW_TEXT.has(name) && !closing && !selfClosing) {
      const endTag = new RegExp(`</${name}`, 'gi');
      endTag.lastIndex = pos;
      const stop = endTag.exec(html)?.index ?? html.length;
      out.push(html.slice(pos, stop));
      pos = stop;
    }
  }
  flushText();
  endContext();
  annotate(out, contexts, script);
  return out.join('');
}

/** Which pinyin an article text gets: Mandarin readings for Simplified and Traditional text, none otherwise. */
export function pinyinScript(textLocale: string): Script | null {
  return textLocale === 'zh-hans' ? 'hans' : textLocale === 'zh-hant' ? 'hant' : null;
}

/** The parts of an article page the pinyin toggle swaps, annotated (the body of /articles/<slug>/pinyin.json). */
export interface ArticlePinyin {
  title: string;
  summary: string;
  body: string;
}

/** `<ruby>字<rt>zì</rt></ruby>` as addPinyinRuby writes it: one Han character, one syllable in Latin letters. */
const RUBY_MARKUP = /<ruby>([\p{Unified_Ideograph}\u3007])<rt>[\p{Script=Latin}\p{M}]+<\/rt><\/ruby>/gu;

/**
 * True when `annotated` is `html` with ruby around some Han characters and nothing else changed. The pinyin
 * layer is inserted into the page as markup: with this check, markup that was safe before annotation (the
 * sanitised body, escaped text) is proved safe after it, without parsing and sanitising the several-times
 * larger annotated copy again.
 */
export function onlyRubyAdded(html: string, annotated: string): boolean {
  return annotated.replace(RUBY_MARKUP, '$1') === html;
}

/** Title and summary are plain text (escaped here); the body is the rendered HTML. */
export function articlePinyin(title: string, summary: string, bodyHtml: string, script: Script): ArticlePinyin {
  return {
    title: addPinyinRuby(escapeHtml(title), script),
    summary: addPinyinRuby(escapeHtml(summary), script),
    body: addPinyinRuby(bodyHtml, script),
  };
}

/** One article text for its pinyin file. */
export interface PinyinSource {
  title: string;
  summary: string;
  /** The rendered, sanitised body. */
  bodyHtml: string;
  script: Script;
}

/**
 * The body of /articles/<slug>/pinyin.json: the annotated parts as JSON. The toggle inserts them as markup;
 * the body was sanitised when it was rendered and the title and summary are escaped here, and the check
 * proves annotation added nothing but ruby, so what goes out is as safe as what came in. Throws (naming
 * `what`) rather than publish anything else.
 */
export function pinyinFile(src: PinyinSource, what: string): string {
  const parts = articlePinyin(src.title, src.summary, src.bodyHtml, src.script);
  const plain = { title: escapeHtml(src.title), summary: escapeHtml(src.summary), body: src.bodyHtml };
  for (const k of ['title', 'summary', 'body'] as const)
    if (!onlyRubyAdded(plain[k], parts[k]))
      throw new Error(`pinyin for ${what} (${k}) changed more than ruby; refusing to publish it`);
  return JSON.stringify(parts);
}

/** pinyinFile for many texts at once (one worker job); `what` names each in errors. */
export function pinyinFiles(items: Array<{ src: PinyinSource; what: string }>): string[] {
  return items.map(({ src, what }) => pinyinFile(src, what));
}
