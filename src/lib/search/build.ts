/**
 * Builds the per-locale search index at build time. Everything language-heavy happens here, once:
 * Traditional forms (OpenCC) and pinyin without tones plus initials (pinyin-pro) become plain strings in the
 * index, so the browser needs neither library — it only matches strings.
 */
import { createHash } from 'node:crypto';
import { pinyin } from 'pinyin-pro';
import { toTraditional } from '../text/convert.ts';
import { DOC_TYPES, type CoreDoc, type CoreIndex, type DetailIndex, type SourceDoc } from './types.ts';

const HAN = /\p{Script=Han}/u;

function unique(list: Iterable<string>): string[] {
  return [...new Set([...list].map((s) => s.trim()).filter(Boolean))];
}

/** The text as written plus its Taiwan and Hong Kong Traditional forms (only those that differ). */
export function scriptForms(text: string): string[] {
  if (!HAN.test(text)) return [text];
  return unique([text, toTraditional(text, 'tw'), toTraditional(text, 'hk')]);
}

/** Toneless pinyin of the Han characters, joined ("高血压" → "gaoxueya"), and their initials ("gxy"). */
export function pinyinForms(text: string): string[] {
  const han = [...text].filter((c) => HAN.test(c)).join('');
  if (!han) return [];
  // Convert the whole string so pinyin-pro reads polyphones in context, then keep the Han syllables only.
  const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'removed', v: true }).filter((s) => /^[a-z]+$/.test(s));
  if (syllables.length === 0) return [];
  return unique([syllables.join(''), syllables.map((s) => s[0]).join('')]);
}

/** Content hash for a file name: 12 hex digits of SHA-256. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

export interface BuiltIndex {
  core: CoreIndex;
  detail: DetailIndex;
  /** JSON text of each, as served. */
  coreJson: string;
  detailJson: string;
  coreHash: string;
  detailHash: string;
}

export interface BuildOptions {
  locale: string;
  /** URL prefix of the locale, '' for the default. */
  base: string;
  /** Where the index files are served: `${dir}/${hash}.json`. */
  dir: string;
  audiences: Record<string, string>;
  topics: Record<string, string>;
}

function coreDoc(d: SourceDoc): CoreDoc {
  const written = unique([...d.keywords, d.originalTitle]);
  // Keys: every keyword and alias in both scripts, and the title in the scripts it is not shown in.
  const keys = unique(written.flatMap(scriptForms).concat(scriptForms(d.title))).filter((k) => k !== d.title);
  const py = unique([d.originalTitle, ...d.keywords].flatMap(pinyinForms));
  return { i: d.id, t: DOC_TYPES.indexOf(d.type), ti: d.title, k: keys, p: py, a: d.audiences, o: d.topics };
}

/** The two files of one locale's index. Deterministic: the same docs give the same bytes and hashes. */
export function buildIndex(docs: SourceDoc[], opts: BuildOptions): BuiltIndex {
  const sorted = [...docs].sort((a, b) => DOC_TYPES.indexOf(a.type) - DOC_TYPES.indexOf(b.type) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const detail: DetailIndex = { v: 1, docs: sorted.map((d) => [d.summary, d.headings.join(' / ')]) };
  const detailJson = JSON.stringify(detail);
  const detailHash = contentHash(detailJson);
  const core: CoreIndex = {
    v: 1,
    locale: opts.locale,
    base: opts.base,
    detail: `${opts.dir}/${detailHash}.json`,
    audiences: opts.audiences,
    topics: opts.topics,
    docs: sorted.map(coreDoc),
  };
  const coreJson = JSON.stringify(core);
  return { core, detail, coreJson, detailJson, coreHash: contentHash(coreJson), detailHash };
}
