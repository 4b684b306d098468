/** Offline helpers: what a save stores, what a removal may delete, sizes, cache names, the manifest, the SW globs. */
import { describe, expect, it } from 'vitest';
import {
  articleLinks,
  assetsInHtml,
  audioInHtml,
  imagesInHtml,
  localPath,
  planPage,
  srcsetUrls,
} from '../../src/lib/offline/plan.ts';
import {
  isSaved,
  orphans,
  parseSaved,
  staleSaved,
  withSaved,
  withoutSaved,
  type SavedItem,
} from '../../src/lib/offline/saved.ts';
import { formatBytes } from '../../src/lib/offline/format.ts';
import {
  entriesFor,
  localeOfPath,
  offlinePathFor,
  parseOfflineLocale,
  SAVED_CACHE,
  PAGES_CACHE,
  IMAGES_CACHE,
} from '../../src/lib/offline/names.ts';
import { lazyImports, pageAssets, siteUrl, tagLocales } from '../../src/lib/offline/precache.ts';
import { ICONS, iconSvg, webManifest } from '../../src/lib/offline/manifest.ts';
import { REGISTER_SCRIPT } from '../../src/lib/offline/register.ts';
import { PRECACHE_PAGES } from '../../src/pwa/index.ts';

// Shaped like Astro's <Picture> output and the layout's head.
const PAGE = `<html><head><link rel="stylesheet" href="/_astro/BaseLayout.abc.css"><script type="module" src="/_astro/page.def.js"></script>
<link rel="icon" href="/favicon.svg"></head><body><header><img src="/_astro/logo.png" alt=""></header><main id="main">
<picture><source srcset="/_astro/hero_a.avif 360w, /_astro/hero_b.avif 720w" type="image/avif" sizes="100vw"><source srcset="/_astro/hero_a.webp 360w, /_astro/hero_b.webp 720w" type="image/webp" sizes="100vw"><img src="/_astro/hero.jpg" srcset="/_astro/hero_a.jpg 360w, /_astro/hero_b.jpg 720w" alt="x" style="background-image:url(data:image/webp;base64,AAAA)"></picture>
<img src="chart.png" alt="chart"><img src="https://cdn.example.com/x.png" alt="other origin">
<audio preload="none" src="/media/audio/a.cmn.mp3"></audio><audio controls><source src="/media/audio/a.yue.mp3" type="audio/mpeg"></audio>
<a href="/articles/one/">1</a> <a href="/articles/two/">2</a> <a href="/articles/one/">1 again</a> <a href="/audiences/elders/">hub</a> <a href="/zh-hant/articles/three/">3</a>
</main><footer><a href="/articles/footer/">f</a></footer></body></html>`;

describe('what a save stores', () => {
  it('reads srcsets and resolves same-origin paths only', () => {
    expect(srcsetUrls('/a.avif 360w, /b.avif 720w')).toEqual(['/a.avif', '/b.avif']);
    expect(localPath('chart.png', '/articles/x/')).toBe('/articles/x/chart.png');
    expect(localPath('https://cdn.example.com/x.png', '/articles/x/')).toBeNull();
    expect(localPath('data:image/webp;base64,AAAA', '/')).toBeNull();
  });
  it('keeps every width of the first picture format the browser decodes, and no other format', () => {
    expect(imagesInHtml(PAGE, ['image/avif', 'image/webp', 'image/jpeg'])).toEqual([
      '/_astro/hero_a.avif',
      '/_astro/hero_b.avif',
      'chart.png',
      'https://cdn.example.com/x.png',
    ]);
    // Without AVIF support the WebP files are stored instead; without either, the JPEG fallback.
    expect(imagesInHtml(PAGE, ['image/webp', 'image/jpeg']).slice(0, 2)).toEqual([
      '/_astro/hero_a.webp',
      '/_astro/hero_b.webp',
    ]);
    expect(imagesInHtml(PAGE, ['image/jpeg']).slice(0, 3)).toEqual([
      '/_astro/hero_a.jpg',
      '/_astro/hero_b.jpg',
      '/_astro/hero.jpg',
    ]);
  });
  it('ignores the header and footer (they only link elsewhere)', () => {
    expect(imagesInHtml(PAGE, ['image/avif'])).not.toContain('/_astro/logo.png');
    expect(articleLinks(PAGE, '/audiences/elders/')).toEqual([
      '/articles/one/',
      '/articles/two/',
      '/zh-hant/articles/three/',
    ]);
  });
  it('finds audio and the page’s own CSS/JS', () => {
    expect(audioInHtml(PAGE)).toEqual(['/media/audio/a.cmn.mp3', '/media/audio/a.yue.mp3']);
    expect(assetsInHtml(PAGE)).toEqual(['/_astro/BaseLayout.abc.css', '/_astro/page.def.js']);
  });
  it('plans a page: pictures, CSS/JS, and audio only when asked', () => {
    const plan = planPage('/articles/x/', PAGE, { imageTypes: ['image/avif'] });
    expect(plan.page).toBe('/articles/x/');
    expect(plan.parts).toEqual([
      '/_astro/hero_a.avif',
      '/_astro/hero_b.avif',
      '/articles/x/chart.png',
      '/_astro/BaseLayout.abc.css',
      '/_astro/page.def.js',
    ]);
    expect(plan.audio).toEqual([]);
    const withAudio = planPage('/articles/x/', PAGE, { imageTypes: ['image/avif'], audio: true });
    expect(withAudio.parts).toContain('/media/audio/a.yue.mp3');
    expect(withAudio.parts.length).toBe(plan.parts.length + 2);
  });
});

describe('the saved list', () => {
  const item = (url: string, parts: string[], kind: SavedItem['kind'] = 'article'): SavedItem => ({
    url,
    title: url,
    kind,
    parts,
    bytes: 10,
    savedAt: '2026-12-01T00:00:00Z',
  });
  it('replaces an earlier save of the same page, newest first', () => {
    const list = withSaved(withSaved([], item('/a/', ['/x.css'])), item('/b/', []));
    expect(withSaved(list, item('/a/', ['/y.css'])).map((x) => [x.url, x.parts])).toEqual([
      ['/a/', ['/y.css']],
      ['/b/', []],
    ]);
  });
  it('removing an item releases only files nothing else saved needs', () => {
    const list = [item('/a/', ['/shared.css', '/a.avif']), item('/hub/', ['/shared.css', '/a/', '/b/'], 'hub')];
    expect(withoutSaved(list, '/a/')).toEqual({ list: [list[1]], release: ['/a.avif'] });
    expect(withoutSaved(list, '/hub/').release).toEqual(['/hub/', '/b/']);
    expect(withoutSaved(list, '/nope/')).toEqual({ list, release: [] });
  });
  it('a page saved inside a hub counts as saved', () => {
    const list = [item('/hub/', ['/a/'], 'hub')];
    expect(isSaved(list, '/a/')).toBe(true);
    expect(isSaved(list, '/b/')).toBe(false);
  });
  it('after a deploy, items from other builds are refreshed and files nothing lists are deleted', () => {
    const list = [
      { ...item('/a/', ['/_astro/old.css']), build: 'v1' },
      { ...item('/b/', ['/_astro/new.css']), build: 'v2' },
      item('/c/', []),
    ];
    expect(staleSaved(list, 'v2').map((x) => x.url)).toEqual(['/a/', '/c/']);
    expect(
      orphans(
        ['/a/', '/_astro/old.css', '/_astro/new.css', '/gone/'],
        [list[1], { ...list[0], parts: ['/_astro/new.css'] }],
      ),
    ).toEqual(['/_astro/old.css', '/gone/']);
  });
  it('survives a broken stored value', () => {
    expect(parseSaved(null)).toEqual([]);
    expect(parseSaved('{oops')).toEqual([]);
    expect(parseSaved('[{"url":"/a/","parts":[]},{"nope":1}]')).toHaveLength(1);
  });
});

describe('names and sizes', () => {
  it('formats sizes the way phones show storage', () => {
    expect(formatBytes(950)).toBe('950 B');
    expect(formatBytes(1500)).toBe('1.5 KB');
    expect(formatBytes(12_345)).toBe('12 KB');
    expect(formatBytes(3_400_000)).toBe('3.4 MB');
    expect(formatBytes(3_400_000, 'en-GB')).toBe('3.4 MB');
  });
  it('keeps the caches apart and the saved cache versioned on its own', () => {
    expect(new Set([SAVED_CACHE, PAGES_CACHE, IMAGES_CACHE]).size).toBe(3);
    expect(SAVED_CACHE).toMatch(/-v\d+$/);
  });
  it('sends an unsaved page to the offline page of its language', () => {
    expect(offlinePathFor('/articles/x/')).toBe('/offline/');
    expect(offlinePathFor('/yue/articles/x/')).toBe('/yue/offline/');
    expect(offlinePathFor('/zh-hant/')).toBe('/zh-hant/offline/');
    expect(offlinePathFor('/english-article/')).toBe('/offline/');
  });
});

describe('manifest and service worker set-up', () => {
  const m = webManifest({
    name: '健康社区 · 中心',
    shortName: '健康社区',
    description: 'd',
    shortcuts: [
      { name: '社区活动', url: '/events/' },
      { name: '自我检查', url: '/self-check/' },
    ],
  });
  it('has what an installable app needs', () => {
    expect(m).toMatchObject({
      lang: 'zh-Hans',
      start_url: '/',
      display: 'standalone',
      theme_color: '#005a4e',
      short_name: '健康社区',
    });
    expect(m.icons.map((i) => [i.sizes, i.purpose])).toEqual([
      ['192x192', 'any'],
      ['512x512', 'any'],
      ['512x512', 'maskable'],
    ]);
    expect(m.shortcuts.map((s) => s.url)).toEqual(['/events/', '/self-check/']);
  });
  it('draws icons at their size, the maskable mark inside the safe zone', () => {
    for (const i of ICONS) expect(iconSvg(i.size, i.maskable)).toContain(`width="${i.size}"`);
    const scale = (svg: string) => Number(/scale\(([\d.]+)\)/.exec(svg)![1]) * 64;
    expect(scale(iconSvg(512, true)) / 512).toBeLessThanOrEqual(0.8);
  });
  it('the per-page script stays tiny and loads the rest lazily', () => {
    expect(REGISTER_SCRIPT.length).toBeLessThan(500);
    expect(REGISTER_SCRIPT).toContain("register('/sw.js?locale='+l)");
    // A reader who has a worker keeps it (another language's page must not reinstall it as an "update").
    expect(REGISTER_SCRIPT).toContain('getRegistration()');
    expect(REGISTER_SCRIPT).toContain("import('/pwa.js')");
  });
  it('precaches the shell, hubs and offline pages, not articles, self-checks or search indexes', () => {
    const globs = PRECACHE_PAGES.join(' ');
    for (const g of ['offline/index.html', 'simple/index.html', 'audiences/*/index.html']) expect(globs).toContain(g);
    expect(globs).not.toMatch(/articles\/\*|self-check\/\*|search-index/);
  });
});

describe('precache per locale', () => {
  const files: Record<string, string> = {
    '/index.html':
      '<link rel="stylesheet" href="/_astro/base.css"><script type="module" src="/_astro/home.js"></script>',
    '/en/index.html':
      '<link rel="stylesheet" href="/_astro/base.css"><script type="module" src="/_astro/home.js"></script>',
    '/search/index.html':
      '<link rel="stylesheet" href="/_astro/base.css"><script type="module" src="/_astro/search.js"></script>',
    '/_astro/home.js': 'import{a}from"./shared.js";a()',
    '/_astro/search.js': 'import"./shared.js";const m=await import("./engine.js")',
    '/_astro/engine.js': 'import{x}from"./engine-dep.js";export const e=x',
    '/_astro/engine-dep.js': 'export const x=1',
    '/_astro/shared.js': 'export const a=()=>1',
    '/_astro/base.css': 'body{}',
    '/_astro/react.js': 'react-dom',
  };
  const read = (url: string) => files[url] ?? null;
  const entry = (url: string, revision: string | null = null) => ({ url, revision });

  it('knows the locale of a path and of a script URL parameter', () => {
    expect(localeOfPath('/yue/articles/x/')).toBe('yue');
    expect(localeOfPath('/english-article/')).toBe('zh-hans');
    expect(parseOfflineLocale('en')).toBe('en');
    expect(parseOfflineLocale(null)).toBe('zh-hans');
    expect(parseOfflineLocale('../x')).toBe('zh-hans');
    expect(siteUrl('en/index.html')).toBe('/en/');
    expect(siteUrl('index.html')).toBe('/');
  });

  it("follows a page's scripts into their static and lazy imports", () => {
    // eslint-disable-next-line no-template-curly-in-string -- minified code with a computed import, as text
    expect(lazyImports('a;import("./x.js");import ( "./y.js" );import(`./z.js`);import(`./${n}.js`)')).toEqual([
      './x.js',
      './y.js',
      './z.js',
    ]);
    expect(pageAssets('/search/', files['/search/index.html'], read).sort()).toEqual([
      '/_astro/base.css',
      '/_astro/engine-dep.js',
      '/_astro/engine.js',
      '/_astro/search.js',
      '/_astro/shared.js',
    ]);
  });

  it('gives each locale its own pages and the assets they load; unused assets are left to run-time caching', () => {
    const manifest = tagLocales(
      [entry('index.html', 'r1'), entry('en/index.html', 'r2'), entry('search/index.html', 'r3')],
      ['base.css', 'home.js', 'search.js', 'engine.js', 'engine-dep.js', 'shared.js', 'react.js'].map((f) =>
        entry(`_astro/${f}`),
      ),
      [entry('pwa.js', 'r4')],
      read,
    );
    const zh = entriesFor(manifest, 'zh-hans').map((e) => e.url);
    const en = entriesFor(manifest, 'en').map((e) => e.url);
    const yue = entriesFor(manifest, 'yue').map((e) => e.url);
    expect(zh).toEqual(
      expect.arrayContaining(['index.html', 'search/index.html', '_astro/engine.js', '_astro/home.js', 'pwa.js']),
    );
    expect(zh).not.toContain('en/index.html');
    expect(en.sort()).toEqual(['_astro/base.css', '_astro/home.js', '_astro/shared.js', 'en/index.html', 'pwa.js']);
    expect(yue).toEqual(['pwa.js']);
    expect(manifest.map((e) => e.url)).not.toContain('_astro/react.js');
    expect(entriesFor(manifest, 'en').find((e) => e.url === 'en/index.html')).toEqual({
      url: 'en/index.html',
      revision: 'r2',
    });
  });
});
