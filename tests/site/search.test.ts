/**
 * The built search index: a content-hashed manifest per locale, reachable from that locale's search page, naming
 * the shards and doc files of one build; pinyin is in the index as plain toneless tokens and no pinyin or
 * OpenCC code reaches the browser;
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
    it(`${locale}: the search page names a hashed manifest, which names the shards and doc files of one build`, () => {
      const page = readFileSync(path.join(DIST, prefix, 'search/index.html'), 'utf8');
      const url = /data-index="([^"]+)"/.exec(page)?.[1];
      expect(url).toMatch(new RegExp(`^/search-index/${locale}/[0-9a-f]{12}\\.json$`));
      const text = readFileSync(path.join(DIST, url!), 'utf8');
      expect(path.basename(url!, '.json')).toBe(hashOf(text));
      const m = JSON.parse(text);
      expect(m.locale).toBe(locale);
      expect(m.dir).toMatch(new RegExp(`^/search-index/${locale}/[0-9a-f]{12}$`));
      const dir = path.join(DIST, m.dir);
      // Every shard the manifest can name exists, and every document has its doc file.
      for (let i = 0; i < m.shards; i++) expect(existsSync(path.join(dir, `t${i}.json`)), `t${i}`).toBe(true);
      for (const w of m.words) expect(existsSync(path.join(dir, `w-${w}.json`)), w).toBe(true);
      // Doc files hold `group` documents each, every document in exactly one.
      const docFiles = readdirSync(path.join(dir, 'd'));
      expect(docFiles.length).toBe(Math.ceil(m.n / m.group));
      const records = docFiles.flatMap(
        (f) => JSON.parse(readFileSync(path.join(dir, 'd', f), 'utf8')) as Array<{ t: number; u: string }>,
      );
      expect(records).toHaveLength(m.n);
      expect(new Set(records.map((r) => r.u)).size).toBe(m.n);
      // One build per locale: nothing stale beside it.
      expect(readdirSync(path.join(DIST, 'search-index', locale)).sort()).toEqual(
        [path.basename(url!), path.basename(m.dir)].sort(),
      );
      // Every kind of page the content has is in the index (the centre-real fixture has no families or quizzes).
      const types = new Set(records.map((r) => r.t));
      const has = {
        article: content.articles.length,
        event: content.events.length,
        family: content.families.length,
        quiz: content.quizzes.length,
        hub: 1,
      };
      expect(types).toEqual(new Set(DOC_TYPES.flatMap((t, i) => (has[t] ? [i] : []))));
      // Pinyin travels as toneless tokens.
      const tokens = readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .flatMap((f) => Object.keys(JSON.parse(readFileSync(path.join(dir, f), 'utf8'))));
      expect(tokens.some((t) => /^'[a-z]+$/.test(t))).toBe(true);
      expect(tokens.some((t) => /^\^[a-z]+$/.test(t))).toBe(true);
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
    for (const f of walk(path.join(DIST, 'search-index')))
      expect(readFileSync(f, 'utf8')).not.toMatch(/[āáǎàōóǒòūúǔù]/);
  });

  it("every page but search has a plain GET search form to its locale's search page", () => {
    for (const { prefix } of LOCALES) {
      for (const p of ['index.html', 'articles/index.html', 'events/index.html']) {
        const page = readFileSync(path.join(DIST, prefix, p), 'utf8');
        // Attribute order is the component's business: find the header's search form, then check each part.
        const form = page.match(/<form\b[^>]*\bclass="site-search"[^>]*>/)?.[0] ?? '';
        expect(form, `${prefix}/${p}`).toMatch(/\brole="search"/);
        expect(form, `${prefix}/${p}`).toContain(`action="${prefix}/search/"`);
        expect(form, `${prefix}/${p}`).toMatch(/\bmethod="get"/);
        expect(page).toMatch(/name="q"/);
      }
    }
  });
});
