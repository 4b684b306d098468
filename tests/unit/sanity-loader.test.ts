/**
 * The Sanity source end to end without an account: content/ → export NDJSON → loopback query API (groq-js) →
 * the real @sanity/client → mapping → the same Zod schemas. The result must equal the git source entry for
 * entry; invalid documents are left out and reported by id and field path, and STRICT=1 refuses them.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SAMPLE } from '../helpers/sample.ts';
import { loadLocalContent } from '../../src/content/loaders/local.ts';
import type { ContentSet } from '../../src/content/loaders/content-set.ts';
import { ContentError } from '../../src/content/loaders/errors.ts';
import { loadSanityContent, mapOptions, resetSanityContent, type SanityEnv } from '../../src/content/loaders/sanity.ts';
import { exportNdjson } from '../../scripts/cms-export.ts';
import { applyPerspective, readNdjson, startLoopback, type Loopback } from '../helpers/sanity-loopback.ts';
import { readReviewers, reviewedDataset } from '../helpers/sanity-review.ts';

type Doc = ReturnType<typeof readNdjson>[number];
let local: ContentSet;
let docs: Doc[];
const servers: Loopback[] = [];

beforeAll(async () => {
  local = await loadLocalContent('content');
  docs = readNdjson(exportNdjson(local, 'content').ndjson);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** A dataset of these documents, every health document approved by the listed reviewer it names (the review gate). */
async function serve(documents: Doc[]): Promise<{ env: SanityEnv; server: Loopback }> {
  const { documents: docs, transactions } = await reviewedDataset(documents, readReviewers('content'));
  const server = await startLoopback(docs, { transactions });
  servers.push(server);
  resetSanityContent();
  return {
    server,
    env: {
      SANITY_PROJECT_ID: server.projectId,
      SANITY_DATASET: server.dataset,
      SANITY_API_HOST: server.url,
      SANITY_API_READ_TOKEN: 'loopback-token',
    },
  };
}

const byKey = (list: Array<{ data: object }>) =>
  list
    .map((e) => e.data as { id?: string; slug?: string })
    .sort((a, b) => ((a.id ?? a.slug)! < (b.id ?? b.slug)! ? -1 : 1));
const KINDS = ['audiences', 'topics', 'sources', 'healthDays', 'articles', 'events', 'families', 'quizzes'] as const;

/** A copy of the export with one document changed. */
function edit(id: string, change: (d: Record<string, any>) => void): Doc[] {
  return docs.map((d) => {
    if (d._id !== id) return d;
    const copy = structuredClone(d);
    change(copy);
    return copy;
  });
}

describe.runIf(SAMPLE)('CONTENT_SOURCE=sanity', () => {
  it('produces exactly the content the git source produces, with one request per build', async () => {
    const { env, server } = await serve(docs);
    const set = await loadSanityContent(env);
    for (const k of KINDS) expect(byKey(set[k]), k).toEqual(byKey(local[k]));
    expect(set.siteSettings.data).toEqual(local.siteSettings.data);
    expect(set.articles.find((a) => a.data.slug === 'home-blood-pressure')?.source).toBe('article.home-blood-pressure');
    await loadSanityContent(env);
    expect(server.requests).toBe(1);
  });

  it('leaves out invalid documents and reports each by id and field path', async () => {
    let bad = edit('article.home-blood-pressure', (d) => {
      d.summary = '长'.repeat(130);
    });
    bad = bad.map((d) =>
      d._id === 'family.chen-family-less-sugar' ? ((({ consent: _c, ...rest }) => rest)(structuredClone(d)) as Doc) : d,
    );
    bad = bad.map((d) => (d._id === 'event.cpr-aed-training' ? { ...structuredClone(d), end: '2020-01-01T08:00' } : d));
    bad = bad.map((d) =>
      d._id === 'article.stroke-be-fast'
        ? { ...structuredClone(d), audiences: [{ _type: 'reference', _key: 'x', _ref: 'audience.nobody' }] }
        : d,
    );
    const { env } = await serve(bad);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const set = await loadSanityContent(env);
    const printed = warn.mock.calls.flat().join('\n');
    warn.mockRestore();
    expect(printed).toMatch(/article\.home-blood-pressure: summary: summary must be one or two sentences/);
    expect(printed).toMatch(
      /family\.chen-family-less-sugar: consent: a family is published only with recorded consent/,
    );
    expect(printed).toMatch(/event\.cpr-aed-training: end: event ends/);
    expect(printed).toMatch(/article\.stroke-be-fast: audiences\[0\]/);
    expect(set.articles.map((a) => a.data.slug)).not.toContain('home-blood-pressure');
    expect(set.articles.map((a) => a.data.slug)).not.toContain('stroke-be-fast');
    expect(set.families.map((f) => f.data.slug)).not.toContain('chen-family-less-sugar');
    expect(set.events.map((e) => e.data.slug)).not.toContain('cpr-aed-training');
    expect(set.articles.length).toBe(local.articles.length - 2);
    expect(set.events.length).toBe(local.events.length - 1);
    expect(set.families.length).toBe(local.families.length - 1);
  });

  it('leaves out documents that break the strict rules (issue 17) and lists them', async () => {
    let bad = edit('event.taiji-tue-thu-morning', (d) => {
      d.rrule = 'FREQ=WEEKLY;BYDAY=XX';
    });
    bad = bad.map((d) =>
      d._id === 'healthDay.world-health-day'
        ? { ...structuredClone(d), rule: { calendar: 'gregorian', month: 2, day: 30 } }
        : d,
    );
    bad = bad.map((d) => {
      if (d._id !== 'quiz.fall-risk') return d;
      const q = structuredClone(d) as Record<string, any>;
      q.questions[1].id = q.questions[0].id;
      return q as Doc;
    });
    bad = bad.map((d) => {
      if (d._id !== 'article.home-blood-pressure') return d;
      const a = structuredClone(d) as Record<string, any>;
      const block = a.body.find(
        (b: { _type: string; children?: unknown[] }) => b._type === 'block' && b.children?.length,
      );
      block.markDefs = [{ _type: 'link', _key: 'evil', href: 'javascript:alert(1)' }];
      block.children[0].marks = ['evil'];
      return a as Doc;
    });
    const { env } = await serve(bad);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const set = await loadSanityContent(env);
    const printed = warn.mock.calls.flat().join('\n');
    warn.mockRestore();
    expect(printed).toMatch(/event\.taiji-tue-thu-morning: rrule: BYDAY=XX is not valid/);
    expect(printed).toMatch(/healthDay\.world-health-day: rule\.day: 2 月 30 日 does not exist/);
    expect(printed).toMatch(/quiz\.fall-risk: questions\[1\]\.id: duplicate question id/);
    expect(printed).toMatch(
      /article\.home-blood-pressure: body: line \d+ of the text: link to "javascript:alert\(1\)" is not allowed/,
    );
    expect(set.events.map((e) => e.data.slug)).not.toContain('taiji-tue-thu-morning');
    expect(set.healthDays.map((h) => h.data.id)).not.toContain('world-health-day');
    expect(set.quizzes.map((q) => q.data.slug)).not.toContain('fall-risk');
    expect(set.articles.map((a) => a.data.slug)).not.toContain('home-blood-pressure');
  });

  it('leaves out a quiz whose result bands miss a reachable score (the cross-check)', async () => {
    const { env } = await serve(
      edit('quiz.fall-risk', (d) => {
        d.results[0].max = d.results[0].min;
      }),
    );
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const set = await loadSanityContent(env);
    const printed = warn.mock.calls.flat().join('\n');
    warn.mockRestore();
    expect(printed).toMatch(/quiz\.fall-risk: results: quiz "fall-risk": reachable score \d+ is in no result band/);
    expect(set.quizzes.map((q) => q.data.slug)).toEqual(
      local.quizzes.map((q) => q.data.slug).filter((s) => s !== 'fall-risk'),
    );
  });

  it('with STRICT=1 fails instead, listing every problem', async () => {
    const { env } = await serve(
      edit('event.cpr-aed-training', (d) => {
        d.end = '2020-01-01T08:00';
      }),
    );
    const error = await loadSanityContent({ ...env, STRICT: '1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problems).toEqual([
      expect.objectContaining({ source: 'event.cpr-aed-training', path: 'end' }),
    ]);
  });

  it('the drafts perspective (a preview) shows drafts over published documents; the default shows none', async () => {
    const draft = edit('article.home-blood-pressure', () => {}).find((d) => d._id === 'article.home-blood-pressure')!;
    const docs2: Doc[] = [
      ...docs,
      { ...structuredClone(draft), _id: 'drafts.article.home-blood-pressure', title: '为什么要在家量血压？（草稿）' },
      {
        ...structuredClone(draft),
        _id: 'drafts.article.never-published',
        slug: { _type: 'slug', current: 'never-published' },
        title: '还没发布的文章',
      },
    ];
    const { env, server } = await serve(docs2);
    const preview = await loadSanityContent({
      ...env,
      SANITY_PERSPECTIVE: 'drafts',
      SANITY_API_READ_TOKEN: 'loopback-token',
    });
    const title = (set: ContentSet, slug: string) => set.articles.find((a) => a.data.slug === slug)?.data.title;
    expect(title(preview, 'home-blood-pressure')).toBe('为什么要在家量血压？（草稿）');
    expect(title(preview, 'never-published')).toBe('还没发布的文章');
    expect(preview.articles).toHaveLength(local.articles.length + 1);
    // A preview names documents by their published id, as the site does.
    expect(preview.articles.find((a) => a.data.slug === 'never-published')?.source).toBe('article.never-published');

    const pub = await loadSanityContent({ ...env, SANITY_API_READ_TOKEN: 'loopback-token' });
    expect(title(pub, 'home-blood-pressure')).toBe(title(local, 'home-blood-pressure'));
    expect(title(pub, 'never-published')).toBeUndefined();
    expect(server.perspectives).toEqual(['drafts', 'published']);
  });

  it('a preview needs a read token, and an unknown perspective is refused', async () => {
    resetSanityContent();
    const env = { SANITY_PROJECT_ID: 'p', SANITY_DATASET: 'production' };
    await expect(loadSanityContent({ ...env, SANITY_PERSPECTIVE: 'drafts' })).rejects.toThrow(
      /needs SANITY_API_READ_TOKEN/,
    );
    await expect(loadSanityContent({ ...env, SANITY_PERSPECTIVE: 'raw' })).rejects.toThrow(
      /must be "published".*or "drafts"/,
    );
  });

  it('the loopback answers perspectives as the API does: no drafts without a token', () => {
    const d = (id: string, title: string) => ({ _id: id, _type: 'article', title });
    const all = [d('a', 'A'), d('drafts.a', 'A draft'), d('drafts.b', 'B draft'), d('c', 'C')];
    const titles = (docs: Array<Record<string, unknown>>) => docs.map((x) => String(x.title)).sort();
    expect(titles(applyPerspective(all, 'published', true))).toEqual(['A', 'C']);
    expect(titles(applyPerspective(all, 'drafts', true))).toEqual(['A draft', 'B draft', 'C']);
    expect(
      applyPerspective(all, 'drafts', true)
        .map((x) => x._id)
        .sort(),
    ).toEqual(['a', 'b', 'c']);
    expect(applyPerspective(all, 'drafts', true).find((x) => x._id === 'a')?._originalId).toBe('drafts.a');
    expect(titles(applyPerspective(all, 'drafts', false))).toEqual(['A', 'C']);
    expect(applyPerspective(all, 'raw', true)).toHaveLength(4);
  });

  it('says which setting is missing', async () => {
    resetSanityContent();
    await expect(loadSanityContent({ SANITY_DATASET: 'production' })).rejects.toThrow(/needs SANITY_PROJECT_ID/);
  });

  it('serves an asset this repository does not have from the CDN, sized with width and height', () => {
    const opts = mapOptions({ SANITY_PROJECT_ID: 'abc123', SANITY_DATASET: 'production' });
    const asset = {
      _id: `image-${'a'.repeat(40)}-2400x1600-jpg`,
      metadata: { dimensions: { width: 2400, height: 1600 } },
    };
    expect(opts.assetSrc(asset, 'image')).toBe(
      `https://cdn.sanity.io/images/abc123/production/${'a'.repeat(40)}-2400x1600.jpg?w=1200&h=800&auto=format`,
    );
    const file = { _id: `file-${'b'.repeat(40)}-mp3`, url: 'https://cdn.sanity.io/files/abc123/production/b.mp3' };
    expect(opts.assetSrc(file, 'file')).toBe(file.url);
  });
});
