/**
 * Questions asked in full sentences (issue 29): who a question is about weighs less than what it is about,
 * readings (160, 145/95, 7.0) stand for the measure they are read from, the grammar of asking (会不会, 七八种)
 * is dropped, and lay words find pages through the synonym list (content) by document expansion at build time.
 * Fixture documents only, so nothing here depends on the sample content.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { buildIndex, type BuildOptions } from '../../src/lib/search/build.ts';
import { createSearcher } from '../../src/lib/search/engine.ts';
import { parseRelevance } from '../../src/lib/search/relevance.ts';
import {
  ageGroup,
  analyzeQuery,
  chineseNumber,
  dropFillers,
  foldTable,
  readingOf,
  shardsOf,
  WHO_WEIGHT,
} from '../../src/lib/search/text.ts';
import { searchDoc as doc } from '../helpers/search-docs.ts';
import { synonymSchema } from '@hc/domain/model/synonym.ts';

const DOCS = [
  doc({
    id: 'antenatal',
    title: '孕妈妈要做几次产检？',
    summary: '准妈妈和妈妈们，怀孕后按时产检。',
    body: '妈妈的血压和体重每次都要量。妈妈要补充叶酸。',
  }),
  doc({ id: 'bp', title: '为什么要在家量血压？', keywords: ['高血压'], body: '家庭血压 135/85 及以上要告诉医生。' }),
  doc({ id: 'sugar', title: '得了糖尿病每天管好哪几件事', keywords: ['血糖'], body: '空腹血糖 4.4～7.0。水果适量。' }),
  doc({ id: 'bones', type: 'event', title: '骨密度筛查日', summary: '医生讲怎样补钙、保护骨骼。', boost: 1 }),
  doc({ id: 'self-named', title: '骨质疏松是什么', body: '骨质疏松的人骨头变脆。' }),
  doc({ id: 'meds', title: '老人同时吃好几种药，怎样吃才安全？', body: '列一张用药清单。' }),
];
const OPTS: BuildOptions = {
  locale: 'zh-hans',
  base: '',
  dir: '/search-index/zh-hans',
  audiences: {},
  topics: {},
  synonyms: [{ say: ['骨质疏松', 'osteoporosis'], means: ['骨密度', '补钙'] }],
};

function searcher(docs = DOCS, opts = OPTS) {
  const built = buildIndex(docs, opts);
  const s = createSearcher(built.manifest, async <T>(url: string) => {
    const text = built.files.get(url.slice('/search-index/zh-hans/'.length));
    if (text === undefined) throw new Error(`no ${url}`);
    return JSON.parse(text) as T;
  });
  return { built, top: async (q: string, n = 1) => (await s.hits(await s.rank(q), 0, n)).map((h) => h.id) };
}

const ctx = { fold: foldTable('媽妈壓压歲岁'), syllables: new Set<string>() };
const texts = (q: string) => analyzeQuery(q, ctx).map((u) => [u.text, u.weight ?? 1]);

describe('who a question is about', () => {
  it('is kept at a low weight, with the group pages name for it', () => {
    expect(texts('我奶奶骨质疏松')).toEqual([
      ['骨质疏松', 1],
      ['奶奶', WHO_WEIGHT],
      ['老人', WHO_WEIGHT],
    ]);
    expect(texts('我媽媽血壓')).toEqual([
      ['血压', 1],
      ['妈妈', WHO_WEIGHT],
    ]);
    expect(texts('my mum has high blood pressure').find(([t]) => t === 'mum')).toEqual(['mum', WHO_WEIGHT]);
  });

  it('reads an age as the group it belongs to', () => {
    expect([chineseNumber('七十'), chineseNumber('六十五'), chineseNumber('十三'), chineseNumber('一百零二')]).toEqual([
      70, 65, 13, 102,
    ]);
    expect(chineseNumber('七十岁')).toBeUndefined();
    expect([ageGroup(70), ageGroup(1), ageGroup(10), ageGroup(35)]).toEqual(['老人', '宝宝', '孩子', undefined]);
    expect(texts('爸爸八十岁了走路不稳')).toContainEqual(['老人', WHO_WEIGHT]);
  });

  it('does not outweigh the subject: a page about the mother loses to the page about blood pressure', async () => {
    const { top } = searcher();
    expect(await top('我妈妈七十岁了血压160怎么办')).toEqual(['bp']);
    // Alone, who is the subject.
    expect(await top('妈妈')).toEqual(['antenatal']);
  });
});

describe('readings', () => {
  it('reads blood pressure and blood glucose, and not a number with another unit', () => {
    expect(readingOf('160', '')).toBe('pressure');
    expect(readingOf('7.0', '')).toBe('glucose');
    expect(readingOf('11.1', '是不是')).toBe('glucose');
    expect(readingOf('160', '斤')).toBeUndefined();
    expect(readingOf('37.5', '度')).toBeUndefined();
    expect(readingOf('120', '')).toBeUndefined(); // the emergency number stays a number
    expect(readingOf('2026', '')).toBeUndefined();
    expect(texts('血压145/95')).toEqual([['血压', 2]]);
    expect(texts('空腹7.0算糖尿病吗')[0]).toEqual(['血糖', 2]);
  });

  it('bring the page about the measure first', async () => {
    const { top } = searcher();
    expect(await top('老人160要不要紧')).toEqual(['bp']);
    expect(await top('我婆婆11.1是不是很高')).toEqual(['sugar']);
  });
});

describe('coverage', () => {
  it('a page about the subject outranks one that mentions every word in passing', async () => {
    const docs = [
      doc({
        id: 'diabetes',
        title: '得了糖尿病每天管好哪几件事',
        keywords: ['糖尿病'],
        body: '水果适量，放在两餐之间。',
      }),
      doc({
        id: 'pregnancy',
        title: '准备怀孕为什么要吃叶酸',
        body: `${'叶酸片每天吃一片。'.repeat(20)}有糖尿病的妈妈要先看医生。绿叶菜和水果里也有叶酸，孕前能吃的东西很多。`,
      }),
    ];
    const { top } = searcher(docs, { ...OPTS, synonyms: [] });
    expect(await top('糖尿病能吃水果', 2)).toEqual(['diabetes', 'pregnancy']);
  });
});

describe('the grammar of asking', () => {
  it('drops A-not-A questions and counted amounts', () => {
    expect(dropFillers('会不会有问题').trim()).toBe('有问题');
    expect(dropFillers('吃七八种药').replace(/\s+/g, ' ').trim()).toBe('吃 药');
    expect(dropFillers('有没有用').trim()).toBe('用');
  });
});

describe('synonyms (content/search/synonyms.yaml)', () => {
  it('find a page by a lay word it does not use, one way only', async () => {
    const { top } = searcher();
    expect(await top('骨质疏松', 3)).toEqual(expect.arrayContaining(['bones', 'self-named']));
    expect(await top('osteoporosis')).toEqual(['bones']);
    expect(await top('补钙', 5)).toEqual(['bones']);
  });

  it('change nothing for a site without them', async () => {
    const { top } = searcher(DOCS, { ...OPTS, synonyms: [] });
    expect(await top('osteoporosis')).toEqual([]);
  });

  it('are validated as content', () => {
    expect(synonymSchema.safeParse({ say: ['中风'], means: ['卒中'] }).success).toBe(true);
    expect(synonymSchema.safeParse({ say: ['中风'], means: ['中风'] }).success).toBe(false);
    expect(synonymSchema.safeParse({ say: ['中风，脑中风'], means: ['卒中'] }).success).toBe(false);
    expect(synonymSchema.safeParse({ say: [], means: ['卒中'] }).success).toBe(false);
  });

  it('the repository list parses', () => {
    const list = yaml.load(readFileSync(path.resolve('content/search/synonyms.yaml'), 'utf8')) as unknown[];
    for (const entry of list) expect(synonymSchema.safeParse(entry).success).toBe(true);
  });
});

describe('shards', () => {
  it('a word no page has answers nothing, even when it hashes to a shard without tokens', async () => {
    // Enough distinct pairs for more than one shard.
    const many = Array.from({ length: 3200 }, (_, i) =>
      doc({
        id: `d${i}`,
        title: `第${i}篇`,
        body: `${String.fromCodePoint(0x4e00 + i * 3)}${String.fromCodePoint(0x4e01 + i * 3)}`,
      }),
    );
    const { built, top } = searcher(many);
    const n = built.manifest.shards;
    expect(n).toBeGreaterThan(1);
    for (let i = 0; i < n; i++) expect(built.files.has(`${built.manifest.dir.split('/').pop()}/t${i}.json`)).toBe(true);
    // A pair no document has, in whatever shard it falls.
    const absent = '鼹鼠';
    expect(shardsOf(absent, n).length).toBeGreaterThan(0);
    expect(await top(absent)).toEqual([]);
  });
});

describe('the relevance set', () => {
  it('has at least 30 questions in full sentences', () => {
    const cases = parseRelevance(yaml.load(readFileSync(path.resolve('tests/fixtures/search-relevance.yaml'), 'utf8')));
    expect(cases.filter((c) => c.kind === 'sentence').length).toBeGreaterThanOrEqual(30);
  });
});
