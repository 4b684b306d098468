/**
 * The built search index: two content-hashed files per locale, reachable from that locale's search page;
 * pinyin is in the index as plain toneless strings and no pinyin or OpenCC code reaches the browser;
 * the header search box on every page is a plain form to the locale's search page.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST, loadContent } from '../helpers/env.ts';
import { DOC_TYPES } from '../../src/lib/search/types.ts';

const content = await loadContent();

const LOCALES = [
  { locale: 'zh-hans', prefix: '' },
  { locale: 'zh-hant', prefix: '/zh-hant' },
  { locale: 'yue', prefix: '/yue' },
  { locale: 'en', prefix: '/en' },
];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const built = existsSync(path.join(DIST, 'search-index'));
const hashOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

describe.skipIf(!built)('search index files', () => {
  for (const { locale, prefix } of LOCALES) {
    it(`${locale}: the search page names a hashed core file, which names a hashed detail file`, () => {
      const page = readFileSync(path.join(DIST, prefix, 'search/index.html'), 'utf8');
      const url = /data-index="([^"]+)"/.exec(page)?.[1];
      expect(url).toMatch(new RegExp(`^/search-index/${locale}/[0-9a-f]{12}\\.json$`));
      const coreText = readFileSync(path.join(DIST, url!), 'utf8');
      expect(path.basename(url!, '.json')).toBe(hashOf(coreText));
      const core = JSON.parse(coreText);
      expect(core.locale).toBe(locale);
      expect(core.detail).toMatch(new RegExp(`^/search-index/${locale}/[0-9a-f]{12}\\.json$`));
      const detailText = readFileSync(path.join(DIST, core.detail), 'utf8');
      expect(path.basename(core.detail, '.json')).toBe(hashOf(detailText));
      expect(JSON.parse(detailText).docs).toHaveLength(core.docs.length);
      expect(readdirSync(path.join(DIST, 'search-index', locale)).sort()).toEqual([path.basename(url!), path.basename(core.detail)].sort());
      // Every kind of page the content has is searchable, and an article keyed 高血压 (the sample and the
      // centre-real fixture both have one) carries its pinyin and Traditional keys.
      const has = { article: content.articles.length, event: content.events.length, family: content.families.length, quiz: content.quizzes.length, hub: 1 };
      expect(new Set(core.docs.map((d: { t: number }) => d.t))).toEqual(new Set(DOC_TYPES.flatMap((t, i) => (has[t] ? [i] : []))));
      const bp = core.docs.find((d: { t: number; k: string[] }) => d.t === DOC_TYPES.indexOf('article') && d.k.includes('高血压'));
      expect(bp, 'an article keyed 高血压').toBeTruthy();
      expect(bp.p).toEqual(expect.arrayContaining(['gaoxueya', 'gxy']));
      expect([...bp.k, bp.ti].join(' ')).toMatch(/血壓/);
      expect([...bp.k, bp.ti].join(' ')).toMatch(/血压/);
      for (const d of core.docs) for (const p of d.p) expect(p).toMatch(/^[a-z]+$/);
    });
  }

  it('ships no pinyin or OpenCC library code to the browser', () => {
    const scripts = walk(DIST).filter((f) => /\.(m?js)$/.test(f));
    expect(scripts.length).toBeGreaterThan(0);
    for (const f of scripts) {
      const text = readFileSync(f, 'utf8');
      expect(text, f).not.toMatch(/pinyin-pro|opencc|customPinyin|polyphonic/i);
      // pinyin-pro carries its dictionary as toned syllables; the index and our code have none.
      expect((text.match(/[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/g) ?? []).length, f).toBeLessThan(50);
    }
    for (const f of walk(path.join(DIST, 'search-index'))) expect(readFileSync(f, 'utf8')).not.toMatch(/[āáǎàōóǒòūúǔù]/);
  });

  it('every page but search has a plain GET search form to its locale\'s search page', () => {
    for (const { prefix } of LOCALES) {
      for (const p of ['index.html', 'articles/index.html', 'events/index.html']) {
        const page = readFileSync(path.join(DIST, prefix, p), 'utf8');
        expect(page, `${prefix}/${p}`).toMatch(new RegExp(`<form class="site-search" role="search"[^>]*action="${prefix}/search/" method="get"`));
        expect(page).toMatch(/name="q"/);
      }
    }
  });
});
