/**
 * Portable Text ↔ Markdown: every body in content/ survives Markdown → Portable Text (the export) → Markdown
 * (the Sanity loader) with the same HTML, and each construct the Studio allows is written as the Markdown the
 * git path would use.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { markdownToPortableText } from '../../src/lib/portable-text/from-markdown.ts';
import { escapeMarkdown, portableTextToMarkdown } from '../../src/lib/portable-text/markdown.ts';
import type { PtNode } from '../../src/lib/portable-text/types.ts';
import { splitFrontMatter } from '../../src/content/loaders/local.ts';

const html = (md: string) => marked.parse(md, { async: false }) as string;
// Every body in content/, whatever content it is (a centre's own may have no families).
const bodies = ['articles', 'families']
  .filter((dir) => existsSync(path.resolve('content', dir)))
  .flatMap((dir) =>
    readdirSync(path.resolve('content', dir))
      .filter((f) => f.endsWith('.md'))
      .map((f) => ({
        file: `${dir}/${f}`,
        body: splitFrontMatter(readFileSync(path.resolve('content', dir, f), 'utf8')).body.trim(),
      })),
  );

const span = (text: string, marks: string[] = [], key = 's') => ({ _type: 'span' as const, _key: key, text, marks });
const block = (children: ReturnType<typeof span>[], extra: Record<string, unknown> = {}): PtNode =>
  ({ _type: 'block', _key: 'b', style: 'normal', markDefs: [], children, ...extra }) as PtNode;

describe('Markdown → Portable Text → Markdown', () => {
  it('has bodies to check', () => expect(bodies.length).toBeGreaterThan(0));
  it.each(bodies)('$file renders the same HTML after the round trip', ({ body }) => {
    const pt = markdownToPortableText(body, { keyPrefix: 'x' });
    expect(pt.length).toBeGreaterThan(0);
    expect(html(portableTextToMarkdown(pt))).toBe(html(body));
  });
});

describe('portableTextToMarkdown', () => {
  it('writes headings, paragraphs and both kinds of list with nesting', () => {
    const md = portableTextToMarkdown([
      block([span('怎么量')], { style: 'h2' }),
      block([span('第一步')], { listItem: 'number', level: 1 }),
      block([span('细节')], { listItem: 'bullet', level: 2 }),
      block([span('第二步')], { listItem: 'number', level: 1 }),
      block([span('好')]),
    ]);
    expect(md).toBe('## 怎么量\n\n1. 第一步\n   - 细节\n2. 第二步\n\n好');
    expect(html(md)).toContain('<ol>\n<li>第一步<ul>\n<li>细节</li>\n</ul>\n</li>\n<li>第二步</li>\n</ol>');
  });

  it('nests marks and writes links from markDefs', () => {
    const md = portableTextToMarkdown([
      {
        _type: 'block',
        _key: 'b',
        style: 'normal',
        markDefs: [{ _type: 'link', _key: 'l1', href: 'https://www.nhc.gov.cn/' }],
        children: [span('看 '), span('国家卫健委', ['l1', 'strong']), span(' 的', ['l1']), span('说明')],
      },
    ]);
    expect(md).toBe('看 [**国家卫健委** 的](https://www.nhc.gov.cn/)说明');
    expect(html(md)).toBe('<p>看 <a href="https://www.nhc.gov.cn/"><strong>国家卫健委</strong> 的</a>说明</p>\n');
  });

  it('escapes text that Markdown would read as syntax', () => {
    expect(escapeMarkdown('1. *不是* <b>')).toBe('1\\. \\*不是\\* \\<b\\>');
    expect(html(portableTextToMarkdown([block([span('- 2 * 3 = 6 [注]')])]))).toBe('<p>- 2 * 3 = 6 [注]</p>\n');
  });

  it('writes images with their alt text and callouts as quotes', () => {
    const md = portableTextToMarkdown(
      [
        { _type: 'contentImage', _key: 'i', alt: '老人在公园散步', asset: { _ref: 'image-abc-800x600-jpg' } },
        { _type: 'callout', _key: 'c', tone: 'warning', text: '胸痛超过 15 分钟，马上打 120。' },
      ],
      { imageUrl: (img) => `https://cdn.sanity.io/images/p/d/${img.asset?._ref?.slice(6, 9)}-800x600.jpg?w=800&h=600` },
    );
    expect(html(md)).toBe(
      '<p><img src="https://cdn.sanity.io/images/p/d/abc-800x600.jpg?w=800&amp;h=600" alt="老人在公园散步"></p>\n' +
        '<blockquote>\n<p>胸痛超过 15 分钟，马上打 120。</p>\n</blockquote>\n',
    );
  });

  it('leaves out an image that has no URL', () => {
    expect(portableTextToMarkdown([{ _type: 'contentImage', _key: 'i', alt: 'x' }])).toBe('');
  });
});

describe('markdownToPortableText', () => {
  it('makes deterministic keys and uploads images through the callback', () => {
    const md = '## 标题\n\n![一张图](media/x.jpg)\n\n> 提示';
    const a = markdownToPortableText(md, {
      keyPrefix: 'a',
      image: (src, alt, key) => ({ _type: 'contentImage', _key: key, alt, _sanityAsset: `image@file:///c/${src}` }),
    });
    expect(a).toEqual(
      markdownToPortableText(md, {
        keyPrefix: 'a',
        image: (src, alt, key) => ({ _type: 'contentImage', _key: key, alt, _sanityAsset: `image@file:///c/${src}` }),
      }),
    );
    expect(a.map((n) => (n._type === 'block' ? n.style : n._type))).toEqual(['h2', 'contentImage', 'blockquote']);
    expect(a[1]).toMatchObject({ alt: '一张图', _sanityAsset: 'image@file:///c/media/x.jpg' });
  });
});
