/**
 * The Markdown checks (refuse raw HTML and unsafe URLs, with the line) and the sanitiser (strip whatever is
 * left at render time). The injection pack (tests/unit/injection-pack.test.ts) runs many payloads through
 * the whole loader and renderer; these pin the building blocks.
 */
import { describe, expect, it } from 'vitest';
import { checkMarkdown, isAllowedUrl, urlScheme } from '@hc/domain/markdown/check.ts';
import { IMAGE_ORIGINS, sanitizeHtml } from '@hc/domain/markdown/sanitize.ts';
import { cspDirectives } from '../../src/lib/security/headers.ts';

describe('checkMarkdown', () => {
  it('accepts the Markdown an article needs', () => {
    const md =
      '## 标题\n\n段落 **粗体** *斜体* [链接](https://example.org/) [站内](/articles/x/) [电话](tel:120) [邮件](mailto:a@b.cn)\n\n- 一\n- 二\n\n1. 一\n\n> 引用\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n![图](media/x.jpg)\n\n`<b>` 代码里的尖括号';
    expect(checkMarkdown(md)).toEqual([]);
  });

  it('names the line and the tag of raw HTML', () => {
    expect(checkMarkdown('第一行\n\n<img src=x onerror=alert(1)>')).toEqual([
      { line: 3, message: 'raw HTML <img> is not allowed; write it in Markdown' },
    ]);
    expect(checkMarkdown('文字 <svg onload=alert(1)> 文字')[0]?.message).toBe(
      'raw HTML <svg> is not allowed; write it in Markdown',
    );
    expect(checkMarkdown('<!-- 注释 -->')[0]?.message).toBe(
      'raw HTML comment <!-- --> is not allowed; write it in Markdown',
    );
  });

  it('finds HTML next to a stray backtick (the old regular expression did not)', () => {
    expect(checkMarkdown('a ` b <script>alert(1)</script>').map((p) => p.message)).toContain(
      'raw HTML <script> is not allowed; write it in Markdown',
    );
  });

  it('refuses javascript: links, also entity-encoded and by reference', () => {
    expect(checkMarkdown('[点这里](javascript:alert(1))')).toHaveLength(1);
    expect(checkMarkdown('[点这里](&#106;avascript:alert(1))')).toHaveLength(1);
    expect(checkMarkdown('[点这里][x]\n\n[x]: javascript:alert(1)')).toEqual([
      {
        line: 3,
        message:
          'link to "javascript:alert(1)" is not allowed: links must be https, http, mailto, tel or a page of this site',
      },
    ]);
    expect(checkMarkdown('![图](data:image/svg+xml,<svg onload=alert(1)>)')).toHaveLength(1);
  });
});

describe('checkMarkdown without a parse', () => {
  it('passes prose with no <, : or & and its scheme-less links and images, autolinks included', () => {
    expect(checkMarkdown('## 标题\n\n段落：[站内](/articles/x/) ![图](./a.jpg) www.example.org 或 a@b.cn')).toEqual([]);
  });

  it('still parses a scheme written as a character reference', () => {
    expect(checkMarkdown('[点这里](javascript&#58;alert(1))')).toHaveLength(1);
    expect(checkMarkdown('[点这里](javascript&colon;alert(1))')).toHaveLength(1);
    expect(checkMarkdown('![图](data&#x3A;image/png,x)')).toHaveLength(1);
  });
});

describe('URL schemes', () => {
  it('reads the scheme as a browser does', () => {
    expect(urlScheme(' JaVa\tScript:alert(1)')).toBe('javascript');
    expect(urlScheme('/a:b')).toBeUndefined();
    expect(urlScheme('#x')).toBeUndefined();
    expect(isAllowedUrl('HTTPS://example.org')).toBe(true);
    expect(isAllowedUrl('vbscript:x')).toBe(false);
    expect(isAllowedUrl('tel:120', 'image')).toBe(false);
  });

  it("takes images only from this site and Sanity's image CDN, resolved as a browser resolves them", () => {
    for (const ok of ['media/a.jpg', '/media/a.jpg', '../a.png', 'https://cdn.sanity.io/images/p/d/a-10x10.jpg'])
      expect(isAllowedUrl(ok, 'image'), ok).toBe(true);
    for (const bad of [
      'https://tracker.example/x.png',
      'http://cdn.sanity.io/images/p/d/a.jpg',
      '//tracker.example/x.png',
      '/\\tracker.example/x.png',
      ' \t//tracker.example/x.png',
      'https://cdn.sanity.io.evil.example/x.png',
      'https://cdn.sanity.io@evil.example/x.png',
      'data:image/png;base64,AAAA',
    ])
      expect(isAllowedUrl(bad, 'image'), bad).toBe(false);
    const [p] = checkMarkdown('文字\n\n![图](https://tracker.example/x.png)');
    expect(p).toMatchObject({ line: 3 });
    expect(p!.message).toMatch(/file of this site.*Sanity Studio/);
    // Links to other sites stay allowed.
    expect(checkMarkdown('[国家卫健委](https://www.nhc.gov.cn/)')).toEqual([]);
  });

  it('lets through the CSP of a build from Sanity every image origin the checks accept, and no other build', () => {
    const imgSrc = (sanity: boolean) =>
      cspDirectives({ sanity })
        .find((d) => d.startsWith('img-src '))!
        .split(' ');
    for (const origin of IMAGE_ORIGINS) {
      expect(imgSrc(true)).toContain(origin);
      expect(imgSrc(false)).not.toContain(origin);
    }
    expect(imgSrc(false)).toEqual(['img-src', "'self'", 'data:']);
  });
});

describe('sanitizeHtml', () => {
  it('keeps headings with their ids, lists, links and tables', () => {
    const html =
      '<h2 id="为什么">为什么</h2><p><strong>a</strong> <a href="/x/">x</a></p><ul><li>1</li></ul><table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>';
    expect(sanitizeHtml(html)).toBe(html);
  });

  it('drops scripts, handlers, frames and unsafe URLs', () => {
    const out = sanitizeHtml(
      '<p onclick="x()">a<script>alert(1)</script><img src="x" onerror="alert(1)"><iframe src="https://e"></iframe><svg onload="a()"><circle/></svg><a href="javascript:alert(1)">b</a><a href="&#106;avascript:alert(1)">c</a></p>',
    );
    expect(out).toBe('<p>a<img src="x"><a>b</a><a>c</a></p>');
  });

  it('drops ruby from a body (only the pinyin layer adds it, after sanitising)', () => {
    expect(sanitizeHtml('<ruby>血<rt>xuè</rt></ruby>')).toBe('血xuè');
  });
});

describe('per-page CSP', () => {
  it('keeps only the hashes of the inline scripts and styles the page has', async () => {
    const { pruneCspHashes, cspMetaGzipCost } = await import('../../src/lib/security/csp-prune.ts');
    const { scriptHash } = await import('../../src/lib/security/headers.ts');
    const own = scriptHash('a()');
    const other = scriptHash('b()');
    const html = `<!doctype html><html><head><meta http-equiv="content-security-policy" content="default-src 'self'; img-src 'self' data:; script-src 'self' '${own}' '${other}'; style-src 'self' 'sha256-x'; style-src-attr 'unsafe-inline'"><script>a()</script></head><body><p>t</p></body></html>`;
    const out = pruneCspHashes(html);
    expect(out).toContain(`script-src 'self' '${own}';style-src 'self'"`);
    expect(out).not.toContain(other);
    // No style attribute on the page: style-src-attr goes too; img-src stays (offline saving probes data: images).
    expect(out).not.toContain('style-src-attr');
    expect(out).toContain("img-src 'self' data:");
    expect(pruneCspHashes(html.replace('<p>', '<p style="color:red">'))).toContain("style-src-attr 'unsafe-inline'");
    expect(cspMetaGzipCost(out)).toBeGreaterThan(0);
    expect(pruneCspHashes('<p>no policy</p>')).toBe('<p>no policy</p>');
  });

  it('hashes raw script text, skips external and data scripts, and counts styles a no-JS reader gets', async () => {
    const { inlineHashes, pruneCspHashes } = await import('../../src/lib/security/csp-prune.ts');
    const { scriptHash } = await import('../../src/lib/security/headers.ts');
    const page = inlineHashes(
      '<meta http-equiv="Content-Security-Policy" content="script-src \'self\' &gt; x"><script>if (a &amp;&amp; b < c) go()</script>' +
        '<script src="/x.js"></script><script type="application/ld+json">{"a":1}</script>' +
        '<script type="module">m()</script><noscript><style>.a{}</style></noscript><STYLE>.b{}</STYLE>',
    );
    expect(page.scripts).toEqual(
      new Set([`'${scriptHash('if (a &amp;&amp; b < c) go()')}'`, `'${scriptHash('m()')}'`]),
    );
    expect(page.styles.size).toBe(2);
    expect(page.styleAttr).toBe(false);
    expect(page.meta?.content).toBe("script-src 'self' > x");
    const html = `<head><meta http-equiv="content-security-policy" content="script-src 'self' 'sha256-zz' &gt;"><title>t</title>`;
    expect(pruneCspHashes(html)).toBe(
      `<head><meta http-equiv="content-security-policy" content="script-src 'self' >"><title>t</title>`,
    );
  });
});

describe('per-page CSP worked out while pages render', () => {
  const page = (script: string) =>
    `<!doctype html><html><head><meta http-equiv="content-security-policy" content="script-src 'self' 'sha256-zz'"><script>${script}</script></head><body></body></html>`;

  it('applies an edit only to a file with the text it was made from, and parses any other', async () => {
    const { cspEdits, pruneCspFiles, pruneCspHashes } = await import('../../src/lib/security/csp-prune.ts');
    const { mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(tmpdir(), 'hc-csp-'));
    try {
      const [a, b, none] = [page('a()'), page('b()'), '<p>no policy</p>'];
      const made = new Map(cspEdits([a, none]));
      expect(made.get([...made.keys()][1]!)).toBeNull();
      // A wrong edit under b's key would show: b must be parsed, not take it.
      const files = ['a.html', 'b.html', 'none.html'].map((f) => path.join(dir, f));
      [a, b, none].forEach((html, i) => writeFileSync(files[i]!, html));
      pruneCspFiles(files, made);
      expect(readFileSync(files[0]!, 'utf8')).toBe(pruneCspHashes(a));
      expect(readFileSync(files[1]!, 'utf8')).toBe(pruneCspHashes(b));
      expect(readFileSync(files[2]!, 'utf8')).toBe(none);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('works out the same edit, under the same key, from a page’s UTF-8 bytes as from its text', async () => {
    const { cspEdits, pageKey } = await import('../../src/lib/security/csp-prune.ts');
    const html = page('document.title = "血压 ✓"');
    const bytes = new TextEncoder().encode(html);
    expect(pageKey(bytes)).toBe(pageKey(html));
    expect(cspEdits([bytes])).toEqual(cspEdits([html]));
  });

  it('hands pages over only during a build, and gives back every edit once', async () => {
    const { handOverPage, startCspPages, takeCspEdits, takingCspPages } = await import('../../src/build/csp-pages.ts');
    const { pageKey, pruneCspHashes } = await import('../../src/lib/security/csp-prune.ts');
    expect(takingCspPages()).toBe(false);
    handOverPage(page('x()'));
    startCspPages();
    const pages = Array.from({ length: 30 }, (_, i) => page(`f${i}()`));
    for (const p of pages) handOverPage(p);
    const edits = await takeCspEdits();
    expect(edits.size).toBe(30);
    const e = edits.get(pageKey(pages[3]!))!;
    expect(`${pages[3]!.slice(0, e.start)}${e.meta}${pages[3]!.slice(e.end)}`).toBe(pruneCspHashes(pages[3]!));
    expect(takingCspPages()).toBe(false);
    expect((await takeCspEdits()).size).toBe(0);
  });
});

describe('table alignment', () => {
  it('keeps text-align on cells and nothing else in style', () => {
    expect(
      sanitizeHtml(
        '<table><tbody><tr><td style="text-align: right">1</td><td style="background:url(x)">2</td></tr></tbody></table>',
      ),
    ).toBe('<table><tbody><tr><td style="text-align: right">1</td><td>2</td></tr></tbody></table>');
  });
});
