/**
 * Search: tokenising, the build-time pinyin and Traditional keys, and ranking over the real articles —
 * the queries a resident types ("血压", "gaoxueya", "gxy", "血壓", dialect words, a typo) find the right pages.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { tokenize } from '../../src/lib/search/tokenize.ts';
import { buildIndex, pinyinForms, scriptForms } from '../../src/lib/search/build.ts';
import { createEngine, groupByType, markParts, type Engine } from '../../src/lib/search/engine.ts';
import type { SourceDoc } from '../../src/lib/search/types.ts';
import { loadLocalContent } from '../../src/content/loaders/local.ts';
import { toTraditional } from '../../src/lib/text/convert.ts';

const HYPERTENSION = ['home-blood-pressure', 'low-salt-blood-pressure'];

describe('tokenize', () => {
  it('splits Chinese into words and adds the single characters of each word', () => {
    const t = tokenize('高血压患者要少吃盐');
    expect(t).toContain('高血压');
    expect(t).toContain('患者');
    for (const c of '高血压患者') expect(t).toContain(c);
    expect(new Set(t).size).toBe(t.length);
  });
  it('lower-cases Latin words and keeps pinyin whole', () => {
    expect(tokenize('GaoXueYa gxy')).toEqual(['gaoxueya', 'gxy']);
  });
  it('drops punctuation and spaces', () => {
    expect(tokenize('血压，  怎么量？')).not.toContain('，');
    expect(tokenize('   ')).toEqual([]);
  });
});

describe('build-time forms', () => {
  it('pinyin without tones and initials', () => {
    expect(pinyinForms('高血压')).toEqual(['gaoxueya', 'gxy']);
    expect(pinyinForms('绿色')).toEqual(['lvse', 'ls']);
    expect(pinyinForms('BMI')).toEqual([]);
    expect(pinyinForms('AED 使用')).toEqual(['shiyong', 'sy']);
  });
  it('Traditional forms next to the Simplified', () => {
    expect(scriptForms('血压')).toEqual(['血压', '血壓']);
    expect(scriptForms('CPR')).toEqual(['CPR']);
  });
});

function articleDocs(set: Awaited<ReturnType<typeof loadLocalContent>>, locale: 'zh-hans' | 'zh-hant'): SourceDoc[] {
  return set.articles.map(({ data: a }) => ({
    type: 'article' as const,
    id: a.slug,
    title: locale === 'zh-hant' ? (a.translations['zh-hant']?.title ?? toTraditional(a.title)) : a.title,
    originalTitle: a.title,
    summary: a.summary,
    headings: [...a.body.matchAll(/^##\s+(.+)$/gm)].map((m) => m[1]),
    keywords: [...a.keywords, ...a.aliases],
    audiences: a.audiences,
    topics: a.topics,
  }));
}

describe('ranking on the real articles', () => {
  let zh: Engine;
  let hant: Engine;
  let zhCoreOnly: Engine;
  beforeAll(async () => {
    const set = await loadLocalContent(path.resolve('content'));
    const opts = { base: '', dir: '/search-index/x', audiences: Object.fromEntries(set.audiences.map((a) => [a.data.id, a.data.name['zh-hans']])), topics: {} };
    const a = buildIndex(articleDocs(set, 'zh-hans'), { ...opts, locale: 'zh-hans' });
    const b = buildIndex(articleDocs(set, 'zh-hant'), { ...opts, locale: 'zh-hant' });
    zh = createEngine(JSON.parse(a.coreJson), JSON.parse(a.detailJson));
    zhCoreOnly = createEngine(JSON.parse(a.coreJson));
    hant = createEngine(JSON.parse(b.coreJson), JSON.parse(b.detailJson));
  });

  const top = (e: Engine, q: string, n = 2) => e.search(q).slice(0, n).map((h) => h.id);

  it.each(['血压', '高血压', 'gaoxueya', 'gxy', '血壓', '高血壓', '血压高', 'xueya', '量血压'])('"%s" puts the hypertension articles first', (q) => {
    const ids = top(zh, q);
    expect(ids.length).toBe(2);
    for (const id of ids) expect(HYPERTENSION).toContain(id);
  });

  it('dialect words and colloquial aliases find their article', () => {
    expect(top(zh, '食咸', 1)).toEqual(['low-salt-blood-pressure']);
    expect(top(zh, '口重', 1)).toEqual(['low-salt-blood-pressure']);
    expect(top(zh, '高血圧', 1)).toEqual(['home-blood-pressure']);
  });

  it('works on the core file alone, before the detail arrives', () => {
    expect(HYPERTENSION).toContain(top(zhCoreOnly, 'gxy', 1)[0]);
    expect(HYPERTENSION).toContain(top(zhCoreOnly, '血壓', 1)[0]);
  });

  it('Simplified and Traditional find the same first page in the Traditional index', () => {
    expect(top(hant, '血压', 1)).toEqual(top(hant, '血壓', 1));
    expect(HYPERTENSION).toContain(top(hant, '血壓', 1)[0]);
  });

  it('tolerates a one-character typo', () => {
    expect(HYPERTENSION).toContain(top(zh, 'gaoxuaya', 1)[0]);
    expect(top(zh, '高血亚', 1)[0]).toMatch(/blood-pressure/);
    expect(top(zh, '近视', 1)[0]).toBe('child-myopia-outdoor');
    expect(top(zh, 'jinshi', 1)[0]).toBe('child-myopia-outdoor');
  });

  it('finds other subjects by their own words', () => {
    expect(top(zh, '中风', 1)[0]).toBe('stroke-be-fast');
    expect(top(zh, 'tnb', 1)[0]).toBe('diabetes-daily-care');
    expect(top(zh, '母乳喂养', 1)[0]).toBe('breastfeeding-first-six-months');
  });

  it('returns nothing for an empty query or a word no page has', () => {
    expect(zh.search('  ')).toEqual([]);
    expect(zh.search('量子计算机')).toEqual([]);
  });

  it('marks the matched part of the title and groups hits by type', () => {
    const hit = zh.search('血压')[0];
    const parts = markParts(hit.title, hit.titleMarks);
    expect(parts.filter((p) => p.mark).map((p) => p.text).join('')).toContain('血压');
    expect(parts.map((p) => p.text).join('')).toBe(hit.title);
    expect(hit.audiences.length).toBeGreaterThan(0);
    expect(hit.url).toBe(`/articles/${hit.id}/`);
    expect(groupByType(zh.search('血压')).map((g) => g.type)).toEqual(['article']);
  });
});
