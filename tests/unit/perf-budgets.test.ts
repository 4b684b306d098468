/** The benchmark's page model: which files are which page type, what a page loads, and the budget verdicts. */
import { describe, expect, it } from 'vitest';
import { PAGE_TYPES, fileToUrl, groupPages, pageKind, representative } from '../../scripts/bench/lib/pages.ts';
import { gzipSize, mainTextLength, pageResources } from '../../scripts/bench/lib/resources.ts';
import { attributes, resolveUrl, staticImports } from '../../src/lib/offline/page-loads.ts';
import { BUDGETS, evaluate, formatVerdicts, type PageMeasurement } from '../../scripts/bench/lib/budgets.ts';

describe('page types', () => {
  it('classifies built files in every locale and leaves other pages out', () => {
    expect(pageKind('index.html')).toBe('home');
    expect(pageKind('en/index.html')).toBe('home');
    expect(pageKind('topics/diet/index.html')).toBe('hub');
    expect(pageKind('yue/audiences/elders/index.html')).toBe('hub');
    expect(pageKind('articles/home-blood-pressure/index.html')).toBe('article');
    expect(pageKind('articles/index.html')).toBeNull();
    expect(pageKind('events/flu-jab/index.html')).toBe('event');
    expect(pageKind('events/calendar/2026-11/index.html')).toBe('calendar');
    expect(pageKind('events/archive/index.html')).toBeNull();
    expect(pageKind('events/type/lecture/index.html')).toBeNull();
    expect(pageKind('events/flu-jab/poster/index.html')).toBeNull();
    expect(pageKind('families/li/index.html')).toBe('family');
    expect(pageKind('families/year/2026/index.html')).toBeNull();
    expect(pageKind('zh-hant/self-check/diabetes/index.html')).toBe('quiz');
    expect(pageKind('search/index.html')).toBe('search');
    expect(pageKind('404.html')).toBeNull();
  });

  it('picks a real zh-hans page to measure, and reports a type with no pages as not built', () => {
    const groups = groupPages([
      'en/events/a/index.html',
      'events/syn-01-a/index.html',
      'events/b/index.html',
      'index.html',
    ]);
    const event = PAGE_TYPES.find((t) => t.kind === 'event')!;
    expect(representative(event, groups.event)).toBe('events/b/index.html');
    const search = PAGE_TYPES.find((t) => t.kind === 'search')!;
    expect(representative(search, groups.search)).toBeNull();
    expect(fileToUrl('en/events/a/index.html')).toBe('/en/events/a/');
    expect(fileToUrl('index.html')).toBe('/');
  });

  it('marks the reading pages and only the quiz as allowed React', () => {
    expect(PAGE_TYPES.filter((t) => t.reading).map((t) => t.kind)).toEqual([
      'home',
      'hub',
      'article',
      'event',
      'family',
    ]);
    expect(PAGE_TYPES.filter((t) => t.react).map((t) => t.kind)).toEqual(['quiz']);
  });
});

describe('what a page loads', () => {
  const files: Record<string, string> = {
    '/_astro/a.css': 'body{color:red}'.repeat(50),
    '/_astro/article.css': '.pinyin{font-size:1em}',
    '/_astro/page.js': 'import{a as b}from"./chunk.js";b();',
    '/_astro/chunk.js': 'export const a=()=>{import("./lazy.js")};',
    '/_astro/lazy.js': 'x'.repeat(5000),
    '/_astro/Quiz.js': 'import"./react.js";export default 1',
    '/_astro/react.js': 'Symbol.for("react.transitional.element")',
    '/_astro/client.js': 'import"./react.js";',
    '/old.js': 'var blocking=1',
  };
  const read = (u: string) => files[u] ?? null;

  it('parses attributes in any quoting, and resolves only local URLs', () => {
    expect(attributes('<link rel=stylesheet href="/a.css" media=\'print\' defer>')).toEqual({
      rel: 'stylesheet',
      href: '/a.css',
      media: 'print',
      defer: '',
    });
    expect(resolveUrl('./chunk.js', '/_astro/page.js')).toBe('/_astro/chunk.js');
    expect(resolveUrl('https://cdn.example/x.js', '/')).toBeNull();
    expect(resolveUrl('data:text/css,x', '/')).toBeNull();
    expect(staticImports('import{a}from"./x.js";import"./y.js";export*from"./z.js";import("./lazy.js")')).toEqual([
      './x.js',
      './y.js',
      './z.js',
    ]);
  });

  it('follows stylesheets, module scripts with their static imports, and islands — not lazy chunks', () => {
    const html = `<html><head><link rel="stylesheet" href="/_astro/a.css"><script>document.documentElement.dataset.x=1</script>
      <link rel="stylesheet" href="/_astro/article.css"></head><body><main><h1>高血压</h1><p>${'少吃盐。'.repeat(40)}</p></main>
      <script type="module" src="/_astro/page.js"></script><script type="application/ld+json">{"a":1}</script></body></html>`;
    const r = pageResources('/articles/x/', html, read);
    expect(r.resources.map((x) => x.url)).toEqual([
      '/articles/x/',
      '/_astro/a.css',
      '/_astro/article.css',
      '/_astro/page.js',
      '/_astro/chunk.js',
    ]);
    expect(r.gzip.css).toBe(gzipSize(files['/_astro/a.css']) + gzipSize(files['/_astro/article.css']));
    expect(r.total).toBe(r.gzip.html + r.gzip.css + r.gzip.js);
    expect(r.react).toBe(false);
    // Only the inline head script runs before paint; the module is deferred.
    expect(r.jsBeforeReadable).toBe('document.documentElement.dataset.x=1'.length);
    expect(r.mainText).toBeGreaterThan(160);
    expect(r.missing).toEqual([]);
  });

  it('counts a classic script in the head as render-blocking, islands as React, and reports missing files', () => {
    const html = `<head><script src="/old.js"></script><link rel="stylesheet" href="/_astro/gone.css"></head><body><main>x</main>
      <astro-island component-url="/_astro/Quiz.js" renderer-url="/_astro/client.js"></astro-island></body>`;
    const r = pageResources('/self-check/a/', html, read);
    expect(r.jsBeforeReadable).toBe(gzipSize(files['/old.js']));
    expect(r.react).toBe(true);
    expect(r.resources.filter((x) => x.island).map((x) => x.url)).toEqual([
      '/_astro/Quiz.js',
      '/_astro/react.js',
      '/_astro/client.js',
    ]);
    expect(r.missing).toEqual(['/_astro/gone.css']);
    expect(mainTextLength('<main><script>var a=1</script>  读 书 </main>')).toBe(3);
  });
});

describe('budgets', () => {
  const page = (over: Partial<PageMeasurement>): PageMeasurement => ({
    kind: 'article',
    file: 'articles/a/index.html',
    reading: true,
    reactAllowed: false,
    total: 9000,
    gzip: { html: 6000, css: 2000, js: 1000 },
    blockingJs: 0,
    inlineHeadJs: 300,
    react: false,
    mainText: 900,
    missing: [],
    ...over,
  });

  it('passes pages within budget and says so', () => {
    const v = evaluate([page({})]);
    expect(v.every((x) => x.ok)).toBe(true);
    expect(formatVerdicts(v)).toContain('largest 8.8 KB');
  });

  it('fails a reading page over the budget with its bytes by kind and the overrun', () => {
    const v = evaluate([page({ total: BUDGETS.readingTotalGzip + 512, gzip: { html: 10000, css: 3000, js: 1848 } })]);
    const fail = v.filter((x) => !x.ok);
    expect(fail).toHaveLength(1);
    expect(fail[0].message).toMatch(
      `${((BUDGETS.readingTotalGzip + 512) / 1024).toFixed(1)} KB gzip (HTML 9.8 KB + CSS 2.9 KB + JS 1.8 KB) is over the ${(BUDGETS.readingTotalGzip / 1024).toFixed(1)} KB budget by 0.5 KB`,
    );
  });

  it('counts the CSP meta outside the budget up to its allowance, and says so', () => {
    const over = BUDGETS.readingTotalGzip + 200;
    const ok = evaluate([page({ total: over, cspMeta: 250 })]);
    expect(ok.every((x) => x.ok)).toBe(true);
    expect(formatVerdicts(ok)).toContain('1 pages carry a CSP meta of 250–250 B gzip');
    expect(evaluate([page({ total: over, cspMeta: 150 })]).filter((x) => !x.ok)).toHaveLength(1);
    expect(
      evaluate([page({ total: BUDGETS.readingTotalGzip + BUDGETS.cspMetaAllowance + 1, cspMeta: 2000 })]).filter(
        (x) => !x.ok,
      ),
    ).toHaveLength(1);
  });

  it('holds every reading page to 14 KB, in every locale, with no named exceptions (issue 29)', () => {
    expect(BUDGETS.readingTotalGzip).toBe(14 * 1024);
    const file = 'articles/fall-prevention-at-home/index.html';
    for (const f of [file, `yue/${file}`, `en/${file}`]) {
      const v = evaluate([
        page({ file: f, total: BUDGETS.readingTotalGzip + 100, gzip: { html: 9436, css: 3000, js: 2000 } }),
      ]);
      expect(v.filter((x) => !x.ok).map((x) => x.rule)).toEqual(['size']);
      expect(formatVerdicts(v)).not.toContain('exception');
    }
  });

  it('does not size-check pages that are not reading pages', () => {
    expect(
      evaluate([page({ kind: 'quiz', reading: false, reactAllowed: true, react: true, total: 90000 })]).every(
        (x) => x.ok,
      ),
    ).toBe(true);
  });

  it('fails blocking scripts, large inline head scripts, empty <main> and React where no island needs it', () => {
    const msgs = (p: PageMeasurement) =>
      evaluate([p])
        .filter((x) => !x.ok)
        .map((x) => x.message);
    expect(msgs(page({ blockingJs: 400 }))[0]).toMatch(/400 B of render-blocking script/);
    expect(msgs(page({ inlineHeadJs: 5000 }))[0]).toMatch(/inline <head> script/);
    expect(msgs(page({ mainText: 10 }))[0]).toMatch(/only 10 characters/);
    expect(msgs(page({ react: true }))[0]).toMatch(/loads React/);
  });

  it('checks Lighthouse performance ≥ 95 and accessibility 100', () => {
    const l = {
      kind: 'home' as const,
      url: '/',
      performance: 94,
      accessibility: 100,
      bestPractices: 100,
      seo: 100,
      lcpMs: 2600,
      tbtMs: 0,
      cls: 0,
    };
    const v = evaluate([], [l]);
    expect(v.find((x) => x.rule === 'Lighthouse performance')).toMatchObject({ ok: false });
    expect(v.find((x) => x.rule === 'Lighthouse accessibility')).toMatchObject({ ok: true });
    expect(
      evaluate([], [{ ...l, performance: 95, accessibility: 99 }])
        .filter((x) => !x.ok)
        .map((x) => x.rule),
    ).toEqual(['Lighthouse accessibility']);
  });
});
