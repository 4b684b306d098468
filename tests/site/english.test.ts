/**
 * English pages speak English where they are not marked otherwise: no Chinese full-width punctuation in visible text
 * outside an element whose lang says it is another language (an untranslated title in the breadcrumbs, a dialect's
 * name, a Chinese body shown as the fallback). Punctuation belongs to each locale's strings (common.colon), and text
 * in another language carries its lang so a screen reader reads it in the right voice. <title> cannot carry a lang
 * and is left out.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';

const DIST = path.resolve(process.env.DIST ?? 'dist');
const EN = path.join(DIST, 'en');
const SKIP = new Set(['script', 'style', 'template', 'noscript', 'title']);
const FULL_WIDTH = /[：，。；！？（）]/;

type Node = {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: Array<{ name: string; value: string }>;
  childNodes?: Node[];
};

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.html') ? [p] : [];
  });

/** Visible text nodes of a page that its markup says are English, with full-width punctuation. */
function chineseInEnglish(html: string): string[] {
  const out: string[] = [];
  const visit = (node: Node, english: boolean) => {
    if (node.tagName && SKIP.has(node.tagName)) return;
    const lang = node.attrs?.find((a) => a.name === 'lang')?.value;
    const here = lang === undefined ? english : /^en\b/i.test(lang);
    if (node.nodeName === '#text' && here && FULL_WIDTH.test(node.value ?? '')) out.push((node.value ?? '').trim());
    for (const child of node.childNodes ?? []) visit(child, here);
  };
  visit(parse(html) as unknown as Node, true);
  return out;
}

describe.skipIf(!existsSync(EN))('English pages in dist/', () => {
  it('the checker finds an unmarked Chinese label and accepts a marked one', () => {
    expect(chineseInEnglish('<p>In short：<span lang="zh-Hans">要点：</span></p>')).toEqual(['In short：']);
  });

  it('show no Chinese full-width punctuation outside text marked as another language', () => {
    const pages = walk(EN);
    expect(pages.length).toBeGreaterThan(10);
    const bad = pages.flatMap((f) =>
      chineseInEnglish(readFileSync(f, 'utf8')).map((t) => `${path.relative(DIST, f)}: ${t.slice(0, 60)}`),
    );
    expect(bad).toEqual([]);
  });
});
