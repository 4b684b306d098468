/**
 * Walks the built /zh-hant/ and /yue/ pages in dist/ and finds Simplified-only characters (src/lib/text/script.ts)
 * in what a reader sees: text in <title> and <body> (not script, style or template) and alt text, skipping every
 * element marked lang="zh-Hans" (or another Simplified tag: zh-CN, zh-SG, cmn-Hans), which says "this is Simplified
 * on purpose" (e.g. an untranslated quote, the language switcher's own name).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'parse5';
import { simplifiedOnlyChars } from '../../src/lib/text/script.ts';
import { registry } from '@hc/domain/locales/registry.ts';

type Node = {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: Array<{ name: string; value: string }>;
  childNodes?: Node[];
};

const SKIP = new Set(['script', 'style', 'template', 'noscript']);
const SIMPLIFIED_LANG = /^(zh-hans|zh-cn|zh-sg|cmn-hans)(-|$)/i;

export interface PageFinding {
  /** Site path, e.g. /yue/events/x/. */
  page: string;
  count: number;
  /** A few snippets around the characters, for the failure message. */
  samples: string[];
}

function walkFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walkFiles(p) : [p];
  });
}

/**
 * Simplified-only characters in one page's visible text and alt text outside lang="zh-Hans".
 * `allowed`: characters the page's locale writes although OpenCC lists them as Simplified (registry nativeChars).
 */
export function scanHtml(html: string, allowed = ''): { count: number; samples: string[] } {
  const doc = parse(html) as unknown as Node;
  let count = 0;
  const samples: string[] = [];
  const note = (text: string, where: string) => {
    const found = simplifiedOnlyChars(text).filter((ch) => !allowed.includes(ch));
    if (!found.length) return;
    count += found.length;
    if (samples.length < 5) samples.push(`${where}: ${text.trim().replace(/\s+/g, ' ').slice(0, 60)}`);
  };
  const visit = (node: Node, inBody: boolean) => {
    const tag = node.tagName;
    if (tag && SKIP.has(tag)) return;
    const lang = node.attrs?.find((a) => a.name === 'lang')?.value;
    if (lang !== undefined && SIMPLIFIED_LANG.test(lang)) return;
    if (node.nodeName === '#text' && inBody) note(node.value ?? '', 'text');
    const alt = node.attrs?.find((a) => a.name === 'alt')?.value;
    if (alt) note(alt, 'alt');
    const within = inBody || tag === 'body' || tag === 'title';
    for (const child of node.childNodes ?? []) visit(child, within);
  };
  visit(doc, false);
  return { count, samples };
}

/** The locales whose pages are written in Traditional characters (zh-hant, yue). */
export const TRADITIONAL_LOCALES = registry.defs.filter((d) => d.script === 'Hant');

/** Every built page of the Traditional locales, with its findings (pages with none included, count 0). */
export function scanDist(dist: string, locales = TRADITIONAL_LOCALES): PageFinding[] {
  const out: PageFinding[] = [];
  for (const { prefix, nativeChars = '' } of locales) {
    const root = path.join(dist, prefix);
    if (!existsSync(root)) continue;
    for (const file of walkFiles(root).filter((f) => f.endsWith('.html'))) {
      const page =
        '/' +
        path
          .relative(dist, file)
          .split(path.sep)
          .join('/')
          .replace(/index\.html$/, '');
      out.push({ page, ...scanHtml(readFileSync(file, 'utf8'), nativeChars) });
    }
  }
  return out;
}
