#!/usr/bin/env node
/**
 * Makes synthetic dialect read-aloud tracks for articles, so the audio player has real files to play.
 * Not run by CI or the tests; the MP3s it writes are committed. Run it again after editing an article's text:
 *
 *   node scripts/make-audio.mjs [--write] [--speed 140] [--dialects cmn,yue] [slug …]
 *
 *   slug        article slugs (default: the four sample articles below)
 *   --write     also replace the `audio:` list of content/articles/<slug>.md with the tracks made in this run
 *               (durationSec as measured); nothing else in the file changes
 *   --speed     espeak-ng speed for every voice; default per dialect (cmn 155, yue 140, espeak's own is 175),
 *               which both come to about 3.3 characters a second of speech: calm, for older listeners
 *   --dialects  which tracks to make; default cmn,yue (yue only where <slug>.yue.md exists)
 *   --ssml      only print the SSML that would be spoken (to check the text; makes no files)
 *
 * For each track: the article's text in the right locale (content/articles/<slug>.md, zh-hans, read in Mandarin;
 * content/articles/<slug>.yue.md read in Cantonese) → front matter and Markdown stripped to spoken sentences
 * (title, then every heading, paragraph and list item as its own sentence) → espeak-ng (SSML, with pauses between
 * blocks) → sox (normalise, pad) → lame: MP3, mono, CBR 32 kbit/s, 22.05 kHz → content/media/audio/<slug>.<dialect>.mp3.
 * The duration printed (and written with --write) is measured by decoding the produced MP3 with sox. Re-running
 * on unchanged text gives byte-identical MP3s (sox -R fixes the dither seed).
 *
 * Needs (Debian): espeak-ng, sox, libsox-fmt-mp3, lame.
 *
 * espeak-ng 1.51 notes:
 * - Its `cmn` voice reads every Chinese character as toned pinyin spoken in English ("zai four"), a known bug
 *   (github.com/espeak-ng/espeak-ng/issues/1236). `cmn-latn-pinyin` (same Mandarin voice, Latin read as pinyin)
 *   reads Chinese correctly, so Mandarin uses it, and Latin words (BE FAST, B, E …) are switched to the `en`
 *   voice explicitly. `yue-Latn-jyutping` is used the same way for Cantonese.
 * - `yue` reads Traditional characters and Cantonese-only characters (嘅 咗 瞓 冇 啲 …) correctly.
 * - Both read characters one by one with few phrase entries, so some polyphones come out wrong; LEXICON fixes the
 *   ones in these articles. Neither applies tone sandhi (一, 不), and the voice is a robotic formant synthesiser:
 *   these tracks exercise the player, they are not a substitute for a human recording.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as yaml from 'js-yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONTENT = path.join(ROOT, 'content');
const DEFAULT_SLUGS = ['home-blood-pressure', 'fall-prevention-at-home', 'stroke-be-fast', 'child-myopia-outdoor'];

/**
 * One spoken reading of an article: which file, which locale it transcribes, which espeak-ng voice. Both voices read
 * Latin letters as romanisation (pinyin, Jyutping), so the lexicon can give a pronunciation inline; English words
 * are switched to the `en` voice.
 */
const DIALECTS = {
  cmn: {
    file: (slug) => `${slug}.md`,
    transcriptOf: 'zh-hans',
    voice: 'cmn-latn-pinyin',
    speed: 155,
    emergency: '幺二零',
    two: '两',
  },
  yue: {
    file: (slug) => `${slug}.yue.md`,
    transcriptOf: 'yue',
    voice: 'yue-Latn-jyutping',
    speed: 140,
    emergency: '一二零',
    two: '兩',
  },
};

/**
 * Polyphones espeak-ng 1.51 reads wrongly in these articles (found with `espeak-ng -X`), as [written, romanised].
 * Extend it when a new article needs it; check with `--ssml` and `espeak-ng -v <voice> -X`.
 */
const LEXICON = {
  cmn: [
    // 量 the verb (量血压) is liáng; espeak-ng always says liàng (the noun: 数量, 剂量, 热量 …).
    [/(?<![数剂含大重能热尽适质少定酒饭动入盐用流总分食奶水糖油力])量/g, 'liang2'],
    ['中风', 'zhong4 feng1'],
    ['卒中', 'cu4 zhong4'],
    ['重影', 'chong2 ying3'],
    ['对称', 'dui4 chen4'],
    ['睡够觉', 'shui4 gou4 jiao4'],
    ['睡觉', 'shui4 jiao4'],
    ['呕吐', 'ou3 tu4'],
    ['呛', 'qiang1'],
    ['两只', 'liang3 zhi1'],
    ['少得', 'shao3 de2'],
    [/地(?=[方面板上下])/g, 'di4'],
  ],
  yue: [
    // 量 the verb (量血壓) is loeng4; espeak-ng always says loeng6 (the noun).
    [/(?<![數劑含大重能熱盡適質少定酒飯動入鹽用流總分食奶水糖油力])量/g, 'loeng4'],
    // 行 "walk" is haang4; espeak-ng says hang4 (行為, 流行) outside a few phrases.
    [/行(?=路|嘅|緊|街|山|出|開)|(?<=周圍|助)行/g, 'haang4'],
    // 會 "will" is wui5; espeak-ng says wui2 (開會). 機會 etc. keep espeak-ng's reading.
    [/(?<![機社開大協學聚晚宴約理])會/g, 'wui5'],
    ['中風', 'zung3 fung1'],
    ['卒中', 'zeot1 zung3'],
    ['朝早', 'ziu1 zou2'],
    ['吓', 'haa5'],
    [/著(?=[啱太鞋衫襪])/g, 'zoek3'],
    ['郁', 'juk1'],
  ],
};

const args = process.argv.slice(2);
const opt = { write: false, ssml: false, speed: undefined, dialects: ['cmn', 'yue'], slugs: [] };
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--write') opt.write = true;
  else if (a === '--ssml') opt.ssml = true;
  else if (a === '--speed') opt.speed = Number(args[++i]);
  else if (a === '--dialects') opt.dialects = args[++i].split(',');
  else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
  else opt.slugs.push(a);
}
if (opt.slugs.length === 0) opt.slugs = DEFAULT_SLUGS;
for (const d of opt.dialects)
  if (!DIALECTS[d]) throw new Error(`unknown dialect ${d} (use ${Object.keys(DIALECTS).join(', ')})`);

function run(cmd, argv) {
  try {
    return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    throw new Error(`${cmd} failed: ${e.stderr || e.message}`, { cause: e });
  }
}

function splitFrontMatter(text) {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text.replace(/^\uFEFF/, ''));
  if (!m) throw new Error('missing YAML front matter');
  return { data: yaml.load(m[1]) ?? {}, body: m[2] };
}

/** Inline Markdown to its text: links and emphasis keep their words, images and HTML are dropped. */
function inlineText(s) {
  return s
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(\*|_)(.+?)\1/g, '$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1')
    .trim();
}

/** Markdown body to blocks: each heading, paragraph and list item becomes one sentence. */
export function markdownToBlocks(body) {
  const blocks = [];
  let para = [];
  const flush = () => {
    if (para.length) blocks.push({ kind: 'para', text: inlineText(para.join('')) });
    para = [];
  };
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    let m;
    if (!line || /^(---|\*\*\*|___)$/.test(line) || /^```/.test(line)) flush();
    else if ((m = /^#{1,6}\s+(.*?)\s*#*$/.exec(line))) {
      flush();
      blocks.push({ kind: 'heading', text: inlineText(m[1]) });
    } else if ((m = /^[-*+]\s+(.*)$/.exec(line))) {
      flush();
      blocks.push({ kind: 'item', text: inlineText(m[1]) });
    } else if ((m = /^(\d+)[.)]\s+(.*)$/.exec(line))) {
      flush();
      blocks.push({ kind: 'item', text: `第${m[1]}，${inlineText(m[2])}` });
    } else para.push(line.replace(/^>\s?/, ''));
  }
  flush();
  return blocks.filter((b) => b.text);
}

/** Written forms to how they are said aloud, per dialect. */
function spoken(text, dialect) {
  const d = DIALECTS[dialect];
  let s = text
    .replace(/[”」』]\s*[“「『]/g, '、') // “治愈近视”“降低度数” is a list
    .replace(/[“”「」『』"]/g, '')
    .replace(/[（(]/g, '，')
    .replace(/[）)]/g, '，')
    .replace(/(\d)\s*\/\s*(\d)/g, '$1，$2') // 135/85 → "135，85", as blood pressure is said
    .replace(/\s*mmHg/g, ' 毫米汞柱')
    // Emergency numbers are said digit by digit (Mandarin 幺二零), not as a quantity.
    .replace(/(?<!\d)(120|110|119)(?![\d.])(?!\s*[个個克毫分次岁歲天日年米])/g, (n) =>
      n === '120' ? d.emergency : [...n].map((c) => (c === '1' ? d.emergency[0] : c === '9' ? '九' : '零')).join(''),
    )
    // A lone 2 before a measure word is 两/兩 (两小时, 兩個鐘), not 二.
    .replace(/(?<!\d)2(?=\s*(?:(?:到|至)\s*\d+\s*)?[个個只隻遍次张張条條样樣种種位杯碗天日周週年岁歲小点點])/g, d.two)
    .replace(/，\s*，/g, '，')
    .replace(/，\s*([。？！：；、])/g, '$1')
    .replace(/([：；、])\s*，/g, '$1')
    .replace(/^，|，$/g, '')
    .replace(/\s+/g, ' ')
    .replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, '')
    .trim();
  for (const [written, say] of LEXICON[dialect]) s = s.replaceAll(written, `⟦${say}⟧`);
  if (/[\p{Script=Han}\d]$/u.test(s)) s += '。';
  return s;
}

const xml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * One block as SSML: Latin words in the English voice, everything else (including the lexicon's ⟦pinyin⟧) in the
 * dialect's voice.
 */
function ssmlBlock(text, dialect) {
  const voice = DIALECTS[dialect].voice;
  const parts = [];
  for (const [i, piece] of text.split(/⟦([^⟧]*)⟧/).entries()) {
    if (i % 2 === 1) {
      parts.push({ voice, text: ` ${piece} ` });
      continue;
    }
    let last = 0;
    for (const m of piece.matchAll(/[A-Za-z][A-Za-z' -]*[A-Za-z]|[A-Za-z]/g)) {
      parts.push({ voice, text: piece.slice(last, m.index) }, { voice: 'en', text: m[0] });
      last = m.index + m[0].length;
    }
    parts.push({ voice, text: piece.slice(last) });
  }
  const merged = [];
  for (const p of parts.filter((p) => p.text.trim())) {
    const prev = merged.at(-1);
    if (prev && prev.voice === p.voice) prev.text += ` ${p.text.trim()}`;
    else merged.push({ ...p, text: p.text.trim() });
  }
  return merged.map((p) => `<voice name="${p.voice}">${xml(p.text)}</voice>`).join(' ');
}

function articleSsml(title, blocks, dialect) {
  const pause = { title: 900, heading: 700, para: 500, item: 350 };
  const all = [{ kind: 'title', text: title }, ...blocks];
  return `<speak>\n${all
    .map((b) => `${ssmlBlock(spoken(b.text, dialect), dialect)}<break time="${pause[b.kind]}ms"/>`)
    .join('\n')}\n</speak>\n`;
}

/** Decodes the MP3 with sox and returns its real length and loudness. */
function measure(file) {
  const r = spawnSync('sox', [file, '-n', 'stat'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sox stat failed: ${r.stderr}`);
  const num = (label) => Number(new RegExp(`${label}:\\s+(-?[\\d.e+-]+)`).exec(r.stderr)?.[1]);
  return { durationSec: num('Length \\(seconds\\)'), rms: num('RMS\\s+amplitude'), bytes: statSync(file).size };
}

function makeTrack(slug, dialect, tmp) {
  const d = DIALECTS[dialect];
  const src = path.join(CONTENT, 'articles', d.file(slug));
  if (!existsSync(src)) return undefined;
  const { data, body } = splitFrontMatter(readFileSync(src, 'utf8'));
  const ssml = articleSsml(String(data.title), markdownToBlocks(body), dialect);
  const base = path.join(tmp, `${slug}.${dialect}`);
  if (opt.ssml) {
    console.log(`<!-- ${slug}.${dialect} -->\n${ssml}`);
    return undefined;
  }
  writeFileSync(`${base}.ssml`, ssml);
  run('espeak-ng', [
    '-m',
    '-v',
    d.voice,
    '-s',
    String(opt.speed ?? d.speed),
    '-p',
    '45',
    '-w',
    `${base}.raw.wav`,
    '-f',
    `${base}.ssml`,
  ]);
  // Mono 22.05 kHz, peak-normalised to -1 dBFS, a short lead-in and tail.
  run('sox', [
    '-R',
    `${base}.raw.wav`,
    '-r',
    '22050',
    '-c',
    '1',
    `${base}.wav`,
    'gain',
    '-n',
    '-1',
    'pad',
    '0.3',
    '0.6',
  ]);
  const outRel = `media/audio/${slug}.${dialect}.mp3`;
  const out = path.join(CONTENT, outRel);
  mkdirSync(path.dirname(out), { recursive: true });
  run('lame', [
    '--quiet',
    '-m',
    'm',
    '--cbr',
    '-b',
    '32',
    '--resample',
    '22.05',
    '-q',
    '2',
    '--noreplaygain',
    '--id3v2-only',
    '--id3v2-utf16',
    '--tt',
    String(data.title),
    '--ta',
    'espeak-ng (synthetic voice)',
    `${base}.wav`,
    out,
  ]);
  const m = measure(out);
  return { slug, dialect, src: outRel, transcriptOf: d.transcriptOf, ...m };
}

/** Replaces (or adds at the end of the front matter) the `audio:` list of content/articles/<slug>.md. */
function writeFrontMatter(slug, tracks) {
  const file = path.join(CONTENT, 'articles', `${slug}.md`);
  const text = readFileSync(file, 'utf8');
  const end = text.indexOf('\n---', 4);
  if (!text.startsWith('---') || end < 0) throw new Error(`${file}: no front matter`);
  const block =
    'audio:\n' +
    tracks
      .map(
        (t) =>
          `  - { dialect: ${t.dialect}, src: ${t.src}, durationSec: ${t.durationSec.toFixed(1)}, transcriptOf: ${t.transcriptOf} }\n`,
      )
      .join('');
  let fm = text.slice(0, end + 1);
  const existing = /^audio:.*\n(?:[ \t]+.*\n)*/m;
  fm = existing.test(fm) ? fm.replace(existing, block) : fm + block;
  writeFileSync(file, fm + text.slice(end + 1));
}

const tmp = mkdtempSync(path.join(tmpdir(), 'make-audio-'));
try {
  for (const slug of opt.slugs) {
    if (!existsSync(path.join(CONTENT, 'articles', `${slug}.md`)))
      throw new Error(`no article content/articles/${slug}.md`);
    const tracks = [];
    for (const dialect of opt.dialects) {
      const t = makeTrack(slug, dialect, tmp);
      if (!t) {
        if (opt.ssml) continue;
        console.log(`${slug} ${dialect}: skipped (no content/articles/${DIALECTS[dialect].file(slug)})`);
        continue;
      }
      tracks.push(t);
      console.log(
        `content/${t.src}: ${t.durationSec.toFixed(1)} s, ${(t.bytes / 1024).toFixed(0)} KB, RMS ${t.rms.toFixed(3)}` +
          (t.rms < 0.01 ? '  ← nearly silent!' : ''),
      );
    }
    if (opt.write && tracks.length) writeFrontMatter(slug, tracks);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
