/**
 * Search: the query reader (fillers, folding, pinyin, initials, English), the index builder (tokens, BM25F
 * weights, sharding, bounded posting lists, determinism), ranking and snippets over small fixture documents
 * (so the expectations do not depend on the sample content), and the relevance scorer.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOC_GROUP, MAX_POSTINGS, buildIndex, type BuiltIndex } from '../../src/lib/search/build.ts';
import {
  clip,
  createSearcher,
  editDistance,
  findMarks,
  markParts,
  WARM_PAUSE_MS,
  type Searcher,
} from '../../src/lib/search/engine.ts';
import { packFiles, manifestUrlIn, searchPageIn } from '../../src/lib/search/pack.ts';
import { parseRelevance, scoreRelevance } from '../../src/lib/search/relevance.ts';
import {
  analyzeQuery,
  dropFillers,
  foldTable,
  shardsFor,
  shardsOf,
  splitPinyin,
  stem,
} from '../../src/lib/search/text.ts';
import type { Shard, SourceDoc } from '../../src/lib/search/types.ts';
import { searchDoc as doc } from '../helpers/search-docs.ts';

const DOCS: SourceDoc[] = [
  doc({
    id: 'bp',
    title: '为什么要在家量血压？',
    keywords: ['高血压', '血压计'],
    summary: '家庭血压 135/85 及以上要告诉医生。',
    body: '早上起床后一小时内量，晚上睡前再量一次。袖带绑在上臂。',
    audiences: ['elders'],
    topics: ['chronic'],
  }),
  doc({
    id: 'salt',
    title: '每天吃盐怎样少于 5 克？',
    keywords: ['减盐', '低盐饮食'],
    summary: '用限盐勺，少吃咸菜。',
    body: '酱油、咸菜和方便面里都有隐形盐。血压高的人更要少吃盐。',
    topics: ['diet'],
  }),
  doc({
    id: 'meds',
    title: '老人同时吃好几种药，怎样吃才安全？',
    keywords: ['合理用药'],
    summary: '列一张用药清单。',
    body: '吃药后头晕、起皮疹、走路不稳，及时告诉医生。保健品和钙片也要写上。',
    audiences: ['elders'],
  }),
  doc({
    id: 'seasonal-shot',
    title: '流感疫苗',
    keywords: ['流行性感冒'],
    summary: '每年秋天接种。',
    body: '老人和慢性病人每年打一针。',
  }),
  doc({
    id: 'vaccine-day',
    type: 'event',
    title: 'Vaccination day',
    originalTitle: '接种日',
    summary: 'Flu jabs for older people.',
    body: 'Bring your card.',
    boost: 1,
    note: '2026-11-28',
  }),
  doc({
    id: 'bp-check-new',
    type: 'event',
    title: '免费测血压血糖',
    summary: '护士免费测血压。',
    body: '不用预约。',
    names: ['健康体检', '一楼大厅'],
    boost: 1,
    note: '2026-12-02',
  }),
  doc({
    id: 'bp-check-old',
    type: 'event',
    title: '免费测血压血糖',
    summary: '护士免费测血压。',
    body: '不用预约。',
    names: ['健康体检', '一楼大厅'],
    boost: 0.5,
  }),
  doc({
    id: 'smoke',
    title: '想戒烟，怎样才能戒成功？',
    keywords: ['戒烟', '二手烟'],
    summary: '戒烟门诊可以帮您。',
    body: '电子烟也不是安全的替代品。',
    topics: ['tobacco'],
  }),
];
const OPTS = {
  locale: 'zh-hans',
  base: '',
  dir: '/search-index/zh-hans',
  audiences: { elders: '老年人' },
  topics: { chronic: '慢病管理', diet: '合理膳食', tobacco: 'Smoking and alcohol' },
};

function memory(built: BuiltIndex, fetched: string[] = []): Searcher {
  return createSearcher(built.manifest, async <T>(url: string) => {
    fetched.push(url);
    const text = built.files.get(url.slice('/search-index/zh-hans/'.length));
    if (text === undefined) throw new Error(`no ${url}`);
    return JSON.parse(text) as T;
  });
}

describe('reading a query', () => {
  const ctx = {
    fold: foldTable('壓压體体'),
    syllables: new Set(['gao', 'xue', 'ya', 'xi', 'an', 'xian', 'liu', 'gan']),
  };

  it('drops filler words and keeps the subject, in Mandarin and Cantonese', () => {
    expect(analyzeQuery('高血压怎么办', ctx).map((u) => u.text)).toEqual(['高血压']);
    expect(analyzeQuery('点样戒烟', ctx).map((u) => u.text)).toEqual(['戒烟']);
    expect(dropFillers('为什么要打疫苗呢').trim().split(/\s+/)).toEqual(['打疫苗']);
  });
  it('reads Han text as character pairs, one character as itself, Traditional folded', () => {
    expect(analyzeQuery('血壓', ctx)[0].readings).toEqual([['血压']]);
    expect(analyzeQuery('高血压', ctx)[0].readings).toEqual([['高血', '血压']]);
    expect(analyzeQuery('药', ctx)[0].readings).toEqual([['药']]);
  });
  it('reads a Latin word as English, as pinyin when it parses, and as initials when short', () => {
    expect(analyzeQuery('gaoxueya', ctx)[0].readings).toEqual([['gaoxueya'], ["'gaoxue", "'xueya"]]);
    expect(analyzeQuery('gxy', ctx)[0].readings).toEqual([['gxy'], ['^gxy']]);
    // "flu" is no pinyin: never matched inside one.
    expect(analyzeQuery('flu', ctx)[0].readings).toEqual([['flu'], ['^flu']]);
    expect(splitPinyin('xian', ctx.syllables)).toEqual(['xian']);
    expect(splitPinyin('flu', ctx.syllables)).toBeUndefined();
  });
  it('stems English lightly and drops English stop words', () => {
    expect(['vaccinations', 'falls', 'babies', 'stress'].map(stem)).toEqual(['vaccination', 'fall', 'baby', 'stress']);
    expect(analyzeQuery('how to quit smoking', ctx).map((u) => u.text)).toEqual(['quit', 'smoking']);
  });
  it('measures typos with a bounded edit distance', () => {
    expect(editDistance('vacination', 'vaccination', 1)).toBe(1);
    expect(editDistance('presure', 'pressure', 1)).toBe(1);
    expect(editDistance('sleep', 'steep', 1)).toBe(1);
    expect(editDistance('flu', 'fall', 1)).toBeGreaterThan(1);
  });
});

describe('building the index', () => {
  let built: BuiltIndex;
  beforeAll(() => {
    built = buildIndex(DOCS, OPTS);
  });

  it('is deterministic and names its files by content', () => {
    const again = buildIndex([...DOCS].reverse(), OPTS);
    expect(again.manifestJson).toBe(built.manifestJson);
    expect([...again.files]).toEqual([...built.files]);
    expect(built.manifest.dir).toMatch(/^\/search-index\/zh-hans\/[0-9a-f]{12}$/);
    expect(built.manifest.n).toBe(DOCS.length);
  });

  it('puts every token in each shard the query side may ask for, and nowhere else', () => {
    const shards = new Map(
      [...built.files]
        .filter(([k]) => !k.includes('/d/'))
        .map(([file, json]) => [path.basename(file, '.json'), JSON.parse(json) as Shard]),
    );
    expect(shards.size).toBeGreaterThan(0);
    for (const [name, shard] of shards)
      for (const token of Object.keys(shard)) {
        const homes = shardsOf(token, built.manifest.shards);
        expect(homes).toContain(name);
        for (const h of homes) expect(shards.get(h)?.[token], `${token} in ${h}`).toEqual(shard[token]);
      }
  });

  it('asks only for the files a query still needs, each once', () => {
    const n = 64;
    const [a] = shardsOf('高血', n);
    const [b] = shardsOf('血压', n);
    expect(shardsFor(['高血', '血压', '高血'], n, () => false).sort()).toEqual([...new Set([a, b])].sort());
    expect(shardsFor(['高血', '血压'], n, (x) => x === a)).toEqual(a === b ? [] : [b]);
    expect(shardsOf('vaccination', n)).toEqual(['w-va']);
  });

  it('indexes Han pairs of every field (body too), pinyin pairs and initials of titles and keywords, English words', () => {
    const all: Shard = Object.assign(
      {},
      ...[...built.files].filter(([k]) => !k.includes('/d/')).map(([, v]) => JSON.parse(v)),
    );
    for (const t of ['血压', '头晕', "'gaoxue", "'xueya", '^gxy', 'vaccination', 'smoking', 'bp'])
      expect(all[t], t).toBeDefined();
    expect(Object.keys(all).some((t) => /[āáǎàōóǒòūúǔù]/.test(t))).toBe(false);
    expect(built.manifest.fold).toContain('壓压');
    expect(built.manifest.syllables.split(' ')).toContain('gao');
  });

  it('keeps posting lists bounded but the document frequency whole', () => {
    const many = Array.from({ length: MAX_POSTINGS + 50 }, (_, i) =>
      doc({ id: `d${i}`, title: `健康小知识第${i}篇`, body: '多喝水。'.repeat(1 + (i % 5)) }),
    );
    const b = buildIndex(many, OPTS);
    const shard = JSON.parse(
      b.files.get(`${path.basename(b.manifest.dir)}/${shardsOf('喝水', b.manifest.shards)[0]}.json`)!,
    ) as Shard;
    expect(shard['喝水'][0]).toBe(many.length);
    expect((shard['喝水'].length - 1) / 2).toBe(MAX_POSTINGS);
  });

  it('files documents `group` to a doc file, by subject, and finds each one’s display data in its file', async () => {
    const topics = ['chronic', 'diet', 'tobacco'];
    const many = Array.from({ length: 3 * DOC_GROUP + 5 }, (_, i) =>
      doc({
        id: `n${String(i).padStart(2, '0')}`,
        title: `第${i}号专题`,
        topics: [topics[i % 3]!],
        body: `编号${i}。`,
      }),
    );
    const b = buildIndex(many, OPTS);
    expect(b.manifest.group).toBe(DOC_GROUP);
    const dir = path.basename(b.manifest.dir);
    const groups = [...b.files.keys()].filter((k) => k.startsWith(`${dir}/d/`));
    expect(groups).toHaveLength(Math.ceil(many.length / DOC_GROUP));
    // In each file, one subject after another (type, first topic, first audience): a query's results come in few files.
    const records = groups
      .sort((x, y) => Number(/(\d+)\.json$/.exec(x)![1]) - Number(/(\d+)\.json$/.exec(y)![1]))
      .flatMap((k) => JSON.parse(b.files.get(k)!) as Array<{ u: string }>);
    expect(records).toHaveLength(many.length);
    const topicOf = (u: string) => topics[Number(/n(\d+)/.exec(u)![1]) % 3];
    const order = records.map((r) => topicOf(r.u));
    expect(order).toEqual([...order].sort());
    // Every document's hit is its own, whichever file it is in.
    const s2 = createSearcher(
      b.manifest,
      async <T>(url: string) => JSON.parse(b.files.get(url.slice('/search-index/zh-hans/'.length))!) as T,
    );
    for (const i of [0, DOC_GROUP - 1, DOC_GROUP, many.length - 1]) {
      const [hit] = await s2.hits(await s2.rank(`第${i}号专题`), 0, 1);
      expect(hit!.url).toBe(`/articles/n${String(i).padStart(2, '0')}/`);
    }
  });

  it('lists the files a saved topic pack takes: all of a small index', () => {
    const urls = packFiles('/search-index/zh-hans/abc.json', built.manifest);
    expect(urls).toContain('/search-index/zh-hans/abc.json');
    expect(urls.filter((u) => u.includes('/d/'))).toHaveLength(Math.ceil(DOCS.length / built.manifest.group));
    for (const u of urls.slice(1)) expect(built.files.has(u.slice('/search-index/zh-hans/'.length))).toBe(true);
    expect(packFiles('/m.json', { ...built.manifest, size: 10 }, 5)).toEqual(['/m.json']);
    expect(manifestUrlIn('<div data-search data-index="/search-index/en/0123456789ab.json">')).toBe(
      '/search-index/en/0123456789ab.json',
    );
    expect(
      searchPageIn('<form class="site-search" role="search" aria-label="x" action="/en/search/" method="get">'),
    ).toBe('/en/search/');
  });
});

describe('ranking', () => {
  let built: BuiltIndex;
  let s: Searcher;
  const top = async (q: string, n = 1) => (await s.hits(await s.rank(q), 0, n)).map((h) => h.id);
  beforeAll(() => {
    built = buildIndex(DOCS, OPTS);
    s = memory(built);
  });

  it.each(['血压', '高血压', '血壓', 'gaoxueya', 'xueya', 'gxy', '在家怎么量血压'])(
    '"%s" puts the page about measuring blood pressure first',
    async (q) => {
      expect(await top(q)).toEqual(['bp']);
    },
  );

  it('finds a page by words only its body has, with a snippet marking them', async () => {
    const [hit] = await s.hits(await s.rank('头晕'), 0, 1);
    expect(hit.id).toBe('meds');
    const marked = markParts(hit.snippet, hit.snippetMarks)
      .filter((p) => p.mark)
      .map((p) => p.text);
    expect(marked).toContain('头晕');
  });

  it('matches a summary by its words in any order', async () => {
    expect(await top('吃盐少')).toEqual(['salt']);
  });

  it('ranks an upcoming event above the same event past, events with articles by relevance', async () => {
    const ids = await top('免费测血糖', 2);
    expect(ids).toEqual(['bp-check-new', 'bp-check-old']);
    const [hit] = await s.hits(await s.rank('测血糖'), 0, 1);
    expect(hit.type).toBe('event');
    expect(hit.note).toBe('2026-12-02');
  });

  it('finds English titles, topic names and slugs, with typos tolerated', async () => {
    expect(await top('vaccination')).toEqual(['vaccine-day']);
    expect(await top('vacination')).toEqual(['vaccine-day']);
    expect(await top('quit smoking')).toEqual(['smoke']);
  });

  it('does not match an English word inside pinyin', async () => {
    const r = await s.rank('flu');
    const ids = (await s.hits(r, 0, 5)).map((h) => h.id);
    expect(ids).not.toContain('seasonal-shot'); // 流感 (liugan) has no English
    expect(ids).toContain('vaccine-day'); // "Flu jabs"
  });

  it('tolerates one wrong character and ignores filler words', async () => {
    expect(await top('戒烟门真')).toEqual(['smoke']);
    expect(await top('想戒烟怎么办呢')).toEqual(['smoke']);
  });

  it('returns nothing for an empty query or words no page has', async () => {
    expect((await s.rank('  ')).ranked).toEqual([]);
    expect((await s.rank('量子计算机')).ranked).toEqual([]);
  });

  it('fetches only the shards a query needs, once, and the doc files of the results asked for', async () => {
    const fetched: string[] = [];
    const fresh = memory(built, fetched);
    const ranked = await fresh.rank('血压');
    await fresh.hits(ranked, 0, 2);
    const shardFetches = fetched.filter((u) => !u.includes('/d/'));
    expect(shardFetches).toHaveLength(1);
    expect(shardsOf('血压', built.manifest.shards).map((n) => `${built.manifest.dir}/${n}.json`)).toContain(
      shardFetches[0],
    );
    // The doc files that hold the two results (documents come `group` to a file).
    const files = new Set(
      ranked.ranked.slice(0, 2).map((r) => `${built.manifest.dir}/d/${Math.floor(r.doc / built.manifest.group)}.json`),
    );
    expect(fetched.filter((u) => u.includes('/d/')).sort()).toEqual([...files].sort());
    const n = fetched.length;
    await fresh.hits(await fresh.rank('血壓'), 0, 2);
    expect(fetched.length).toBe(n);
    expect(fresh.loaded()).toHaveLength(n);
  });
});

describe('prefetch while typing', () => {
  it('fetches the files a query needs before it runs, its results’ doc files too, so running it fetches nothing', async () => {
    const built = buildIndex(DOCS, OPTS);
    const fetched: string[] = [];
    const s = memory(built, fetched);
    s.prefetch('高血压');
    expect(fetched.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 0));
    // Not at once: a burst of keystrokes does not fetch every prefix's results.
    expect(fetched.some((u) => u.includes('/d/'))).toBe(false);
    await new Promise((r) => setTimeout(r, WARM_PAUSE_MS + 20));
    const early = fetched.length;
    expect(fetched.some((u) => u.includes('/d/'))).toBe(true);
    await s.hits(await s.rank('高血压'), 0, 10);
    expect(fetched.length).toBe(early);
  });

  it('warms doc files only for the query typed last', async () => {
    const built = buildIndex(DOCS, OPTS);
    const fetched: string[] = [];
    const s = memory(built, fetched);
    s.prefetch('高血压');
    s.prefetch('戒烟');
    await new Promise((r) => setTimeout(r, WARM_PAUSE_MS + 20));
    const docs = fetched.filter((u) => u.includes('/d/'));
    const want = (await s.rank('戒烟')).ranked.map(
      (r) => `${built.manifest.dir}/d/${Math.floor(r.doc / built.manifest.group)}.json`,
    );
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.every((u) => want.includes(u))).toBe(true);
  });
});

describe('display data once the index has arrived', () => {
  // Enough distinct text for several shards and doc files.
  const han = (i: number) => String.fromCodePoint(0x4e00 + ((i * 7919) % 20_000));
  const many = Array.from({ length: 6 * DOC_GROUP }, (_, i) =>
    doc({
      id: `m${i}`,
      title: `第${i}篇`,
      topics: ['chronic'],
      body: Array.from({ length: 300 }, (_, j) => han(i * 300 + j)).join(''),
    }),
  );
  const b = buildIndex(many, OPTS);
  const query = many[40]!.body!.slice(100, 108);
  const { dir, group } = b.manifest;
  const fileOf = (d: number) => `${dir}/d/${Math.floor(d / group)}.json`;

  /** A searcher whose file `held` answers only when released. */
  function held() {
    const fetched: string[] = [];
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const names = shardsFor(
      analyzeQuery(query, { fold: new Map(), syllables: new Set() }).flatMap((u) => u.readings.flat()),
      b.manifest.shards,
      () => false,
    );
    const last = `${dir}/${names.at(-1)}.json`;
    const s = createSearcher(b.manifest, async <T>(url: string) => {
      fetched.push(url);
      if (url === last) await gate;
      return JSON.parse(b.files.get(url.slice('/search-index/zh-hans/'.length))!) as T;
    });
    return { s, fetched, release, names };
  }

  it('fetches doc files only for the results asked for, and only once the ranking is whole', async () => {
    const { s, fetched, release, names } = held();
    expect(names.length).toBeGreaterThan(1);
    const ranking = s.rank(query);
    await new Promise((r) => setTimeout(r, 0));
    expect(fetched.some((u) => u.includes('/d/'))).toBe(false);
    release();
    const result = await ranking;
    await s.hits(result, 0, 1);
    expect(fetched.filter((u) => u.includes('/d/'))).toEqual([fileOf(result.ranked[0]!.doc)]);
  });
});

describe('marks and snippets', () => {
  it('marks every needle occurrence, folding Traditional, with positions of the original text', () => {
    const table = foldTable('壓压');
    expect(findMarks('量血壓，血压计', ['血压'], table)).toEqual([
      [1, 2],
      [4, 5],
    ]);
    const parts = markParts('量血壓', [[1, 2]]);
    expect(parts).toEqual([
      { text: '量', mark: false },
      { text: '血壓', mark: true },
    ]);
  });
  it('clips a long text around its marks', () => {
    const text = `${'甲'.repeat(200)}头晕${'乙'.repeat(200)}`;
    const c = clip(text, [[200, 201]], 40);
    expect(c.text.length).toBeLessThanOrEqual(42);
    expect(c.ranges).toHaveLength(1);
    expect(c.text.slice(c.ranges[0][0], c.ranges[0][1] + 1)).toBe('头晕');
  });
});

describe('relevance scorer', () => {
  it('counts hit@1 and hit@3 against judged answers', () => {
    const cases = parseRelevance([
      { q: 'a', kind: 'k', good: ['article:x'] },
      { q: 'b', kind: 'k', good: ['event:y', 'article:z'] },
      { q: 'c', kind: 'j', locale: 'en', good: ['article:w'] },
    ]);
    const s = scoreRelevance(cases, [['article:x'], ['article:q', 'article:z'], []]);
    expect([s.hitAt1, s.hitAt3, s.cases]).toEqual([1, 2, 3]);
    expect(s.misses.map((m) => m.q)).toEqual(['b', 'c']);
    expect(s.byKind.k).toEqual({ cases: 2, hitAt1: 1, hitAt3: 2 });
  });
  it('the repository set is well formed: at least 80 queries of every kind the issue names', () => {
    const cases = parseRelevance(yaml.load(readFileSync(path.resolve('tests/fixtures/search-relevance.yaml'), 'utf8')));
    expect(cases.length).toBeGreaterThanOrEqual(80);
    const kinds = new Set(cases.map((c) => c.kind));
    for (const k of [
      'spoken',
      'pinyin',
      'initials',
      'traditional',
      'cantonese',
      'typo',
      'english',
      'event',
      'long',
      'fulltext',
    ])
      expect(kinds).toContain(k);
    expect(new Set(cases.map((c) => `${c.locale} ${c.q}`)).size).toBe(cases.length);
    expect(() => parseRelevance([{ q: 'x', kind: 'k', good: ['nonsense'] }])).toThrow();
  });
});
