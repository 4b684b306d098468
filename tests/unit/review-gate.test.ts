/**
 * The review gate of a Sanity build (src/content/sanity/history.ts, src/domain/approval.ts), offline: the loopback
 * server answers the query API and the History API from a transaction log. A document published through the API
 * without an approval, a self-approved one, one edited after approval, an approval forged with a write token or
 * rewritten afterwards: each is left out of the site and listed with its reason in the report (`review:due`).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contentHash, gateDecision, lastWriter, writtenHash, type DocumentTransaction } from '@hc/domain/approval.ts';
import { loadLocalContent } from '../../src/content/loaders/local.ts';
import { loadSanityContent, resetSanityContent, type SanityEnv } from '../../src/content/loaders/sanity.ts';
import { PAGE } from '../../src/content/sanity/history.ts';
import { reviewReportOf } from '../../src/content/review-report.ts';
import { reviewDue } from '../../scripts/review-due.ts';
import { exportNdjson } from '../../scripts/cms-export.ts';
import { readNdjson, startLoopback, type Loopback, type LoopbackTransaction } from '../helpers/sanity-loopback.ts';
import { approvalOf, EDITOR, readReviewers, reviewedDataset } from '../helpers/sanity-review.ts';

const DIR = 'tests/fixtures/content-min';
type Doc = Record<string, any> & { _id: string; _type: string };
const REVIEWER = 'sample-ce-shi-yi-sheng';
let base: { documents: Doc[]; transactions: LoopbackTransaction[] };
let salt: Doc;
const servers: Loopback[] = [];

beforeAll(async () => {
  const exported = readNdjson(exportNdjson(await loadLocalContent(DIR), DIR).ndjson) as Doc[];
  base = (await reviewedDataset(exported, readReviewers(DIR))) as typeof base;
  salt = base.documents.find((d) => d._id === 'article.salt')!;
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** Serves the approved base with more documents and transactions, and loads it as the build does. */
async function build(
  extra: { documents?: Doc[]; transactions?: LoopbackTransaction[] } = {},
  token = 'loopback-token',
) {
  const replaced = new Set((extra.documents ?? []).map((d) => d._id));
  const server = await startLoopback(
    [...base.documents.filter((d) => !replaced.has(d._id)), ...(extra.documents ?? [])],
    {
      transactions: [...base.transactions, ...(extra.transactions ?? [])],
    },
  );
  servers.push(server);
  resetSanityContent();
  const env: SanityEnv = {
    SANITY_PROJECT_ID: server.projectId,
    SANITY_DATASET: server.dataset,
    SANITY_API_HOST: server.url,
    CONTENT_DIR: DIR,
    ...(token ? { SANITY_API_READ_TOKEN: token } : {}),
  };
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const set = await loadSanityContent(env);
  const warned = warn.mock.calls.map((c) => String(c[0])).join('\n');
  warn.mockRestore();
  return { set, env, server, warned };
}

const newArticle = (slug: string, title: string): Doc => ({
  ...structuredClone(salt),
  _id: `article.${slug}`,
  slug: { _type: 'slug', current: slug },
  title,
});
const withheldIds = (set: Awaited<ReturnType<typeof build>>['set']) => set.withheld.map((w) => w.source).sort();

describe('the review gate (Sanity build)', () => {
  it('publishes what a listed reviewer approved, reading the history through the API', async () => {
    const { set, server } = await build();
    expect(set.articles.map((a) => a.data.slug)).toEqual(['salt']);
    expect(set.withheld).toEqual([]);
    expect(server.historyRequests).toBeGreaterThan(0);
  });

  it('leaves out a document published through the API without approval, and says so in the build log and the report', async () => {
    const sneaky = newArticle('sneaky', '没人审核的文章');
    const { set, warned } = await build({
      documents: [sneaky],
      transactions: [{ author: 'pTokenRobot', states: { [sneaky._id]: sneaky } }],
    });
    expect(set.articles.map((a) => a.data.slug)).toEqual(['salt']);
    expect(set.withheld).toEqual([
      expect.objectContaining({
        id: 'sneaky',
        kind: 'article',
        title: '没人审核的文章',
        source: 'article.sneaky',
        reason: 'published without an approval by a listed reviewer',
      }),
    ]);
    expect(warned).toContain('article.sneaky "没人审核的文章": published without an approval by a listed reviewer');
    const report = reviewReportOf(set, '2026-11-22');
    expect(report).toMatchObject({ withheldCount: 1, withheld: [expect.objectContaining({ id: 'sneaky' })] });
  });

  it('leaves out a self-approved document: the approver also wrote the content', async () => {
    const own = newArticle('own-work', '自己写自己批');
    const event = approvalOf(own);
    const { set } = await build({
      documents: [own, event],
      transactions: [
        { author: REVIEWER, states: { [`drafts.${own._id}`]: own } },
        { author: REVIEWER, states: { [event._id]: event } },
        { author: EDITOR, states: { [`drafts.${own._id}`]: null, [own._id]: own } },
      ],
    });
    expect(withheldIds(set)).toEqual(['article.own-work']);
    expect(set.withheld[0]!.reason).toMatch(/also made the last change to the content \(four eyes/);
  });

  it('leaves out content changed after its approval (an edit pushed with a write token)', async () => {
    const edited = { ...structuredClone(salt), summary: '改过但没人再审核。' };
    const { set } = await build({
      documents: [edited],
      transactions: [{ author: 'pTokenRobot', states: { [salt._id]: edited } }],
    });
    expect(withheldIds(set)).toEqual(['article.salt']);
    expect(set.withheld[0]!.reason).toMatch(/changed since its last approval/);
  });

  it('refuses an approval created by an account not on the list, whatever its fields claim', async () => {
    const forged = newArticle('forged', '伪造的批准');
    const event = { ...approvalOf(forged), userId: REVIEWER, by: '测试医生（虚构）' };
    const { set } = await build({
      documents: [forged, event],
      transactions: [
        { author: EDITOR, states: { [forged._id]: forged } },
        { author: 'pTokenRobot', states: { [event._id]: event } },
      ],
    });
    expect(withheldIds(set)).toEqual(['article.forged']);
    expect(set.withheld[0]!.reason).toMatch(/made by user pTokenRobot, who is not on the reviewer list/);
  });

  it('refuses an approval record changed after it was made (records are append-only)', async () => {
    const doc = newArticle('rewritten', '改过的批准');
    const before = { ...approvalOf(doc), contentHash: 'for-other-content' };
    const after = approvalOf(doc);
    const { set } = await build({
      documents: [doc, after],
      transactions: [
        { author: EDITOR, states: { [doc._id]: doc } },
        { author: REVIEWER, states: { [after._id]: before } },
        { author: 'pTokenRobot', states: { [after._id]: after } },
      ],
    });
    expect(withheldIds(set)).toEqual(['article.rewritten']);
    expect(set.withheld[0]!.reason).toMatch(/was changed after it was made/);
  });

  it('without a token nothing can be verified: every health document is withheld, with the reason', async () => {
    const { set } = await build({}, '');
    expect(set.articles).toEqual([]);
    expect(set.withheld[0]!.reason).toMatch(/needs SANITY_API_READ_TOKEN/);
  });

  it(`reads a long history page by page (${PAGE} transactions a page)`, async () => {
    const busy = newArticle('busy', '改了很多次');
    const drafts: LoopbackTransaction[] = Array.from({ length: PAGE + 20 }, (_, i) => ({
      author: EDITOR,
      states: { [`drafts.${busy._id}`]: { ...busy, summary: `第 ${i} 稿。` } },
    }));
    const final = { ...busy, summary: '最后一稿。' };
    const event = approvalOf(final);
    const { set, server } = await build({
      documents: [final, event],
      transactions: [
        ...drafts,
        { author: EDITOR, states: { [`drafts.${busy._id}`]: final } },
        { author: REVIEWER, states: { [event._id]: event } },
        { author: EDITOR, states: { [`drafts.${busy._id}`]: null, [busy._id]: final } },
      ],
    });
    expect(set.articles.map((a) => a.data.slug).sort()).toEqual(['busy', 'salt']);
    expect(server.historyRequests).toBeGreaterThanOrEqual(3);
  });

  it('review:due lists the withheld document and exits 1 with --fail-on-overdue', async () => {
    const sneaky = newArticle('sneaky', '没人审核的文章');
    const { env } = await build({
      documents: [sneaky],
      transactions: [{ author: 'pTokenRobot', states: { [sneaky._id]: sneaky } }],
    });
    const r = await reviewDue(['--fail-on-overdue'], {
      ...env,
      CONTENT_SOURCE: 'sanity',
      BUILD_NOW: '2026-11-22T09:00:00+08:00',
    } as Record<string, string>);
    expect(r.report.withheld.map((w) => w.id)).toEqual(['sneaky']);
    expect(r.summary).toContain('withheld: 1 not published');
    expect(r.exitCode).toBe(1);
  });
});

describe('approval rules (pure)', () => {
  const doc = { _id: 'article.a', _type: 'article', title: 'A', reviewer: { name: 'R', role: 'x' } };
  const hash = writtenHash(doc);
  it('the writer is whoever brought the content, not the publisher nor the reviewer filling in dates', () => {
    const txs: DocumentTransaction[] = [
      { author: 'ed', states: { 'drafts.article.a': { ...doc, reviewedAt: undefined } } },
      { author: 'rev', states: { 'drafts.article.a': { ...doc, reviewedAt: '2026-01-01' } } },
      { author: 'pub', states: { 'drafts.article.a': null, 'article.a': { ...doc, reviewedAt: '2026-01-01' } } },
    ];
    expect(lastWriter(txs, hash)).toBe('ed');
    // Content that goes away and is brought back is written again by whoever brings it back.
    const back = [
      ...txs,
      { author: 'x', states: { 'article.a': { ...doc, title: 'B' } } },
      { author: 'y', states: { 'article.a': doc } },
    ];
    expect(lastWriter(back, hash)).toBe('y');
    expect(lastWriter([], hash)).toBeUndefined();
  });

  it('needs the named reviewer to be the approver', () => {
    const reviewers = [
      { id: 'r', name: 'R', qualification: 'x', sanityUserId: 'pR' },
      { id: 's', name: 'S', qualification: 'y', sanityUserId: 'pS' },
    ];
    const ev = { _id: 'e', document: 'article.a', action: 'approve' as const, contentHash: contentHash(doc) };
    const prov = (author: string) => new Map([['e', { author, at: '2026-01-01T00:00:00Z', rewritten: false }]]);
    expect(
      gateDecision(
        { id: 'article.a', type: 'article', title: 'A', raw: doc, writtenBy: 'ed' },
        [ev],
        prov('pR'),
        reviewers,
      ),
    ).toMatchObject({ ok: true });
    expect(
      gateDecision(
        { id: 'article.a', type: 'article', title: 'A', raw: doc, writtenBy: 'ed' },
        [ev],
        prov('pS'),
        reviewers,
      ),
    ).toMatchObject({
      ok: false,
      reason: 'names R as reviewer, but S approved it',
    });
  });
});
