/**
 * Preview before publishing, and drafts never in the public site. A tiny dataset (tests/fixtures/content-min,
 * exported to Sanity documents) gets an edited draft of its published article and a draft of an article never
 * published. Two builds through the loopback query API and the real @sanity/client:
 *   preview  CONTENT_SOURCE=sanity SANITY_PERSPECTIVE=drafts with a read token: shows both drafts
 *   public   the default (published) perspective, with the same token: shows neither
 * Both build on a day the fixture article is past its review date: the article says so and the build writes
 * dist/review-report.json listing it. The dataset's history (the loopback's History API) has the article written
 * by an editor and approved by its listed reviewer, plus two documents the public build must leave out and report:
 * one published through the API with a write token and no approval, one approved by the reviewer who wrote it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLocalContent } from '../../src/content/loaders/local.ts';
import { exportNdjson } from '../../scripts/cms-export.ts';
import { readNdjson, startLoopback, type Loopback } from '../helpers/sanity-loopback.ts';
import { approvalOf, EDITOR, readReviewers, reviewedDataset } from '../helpers/sanity-review.ts';

const FIXTURE = path.resolve('tests/fixtures/content-min');
const work = mkdtempSync(path.join(tmpdir(), 'hc-preview-'));
const PREVIEW = path.join(work, 'preview');
const PUBLIC = path.join(work, 'public');
// The fixture's article is due for review on 2027-01-10: on 2027-02-01 it is 22 days overdue.
const BUILD_NOW = '2027-02-01T09:00:00+08:00';
const EDITED = '每天吃多少盐？（草稿：还没审核的修改）';
const NEW_TITLE = '还没发布的新文章';
const SNEAKY = '用写入令牌直接发布的文章';
const SELF = '自己写自己批的文章';

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) =>
    statSync(path.join(dir, n)).isDirectory() ? walk(path.join(dir, n)) : [path.join(dir, n)],
  );
const textFiles = (dir: string) => walk(dir).filter((f) => /\.(html|json|xml|txt|js|webmanifest)$/.test(f));
const containing = (dir: string, needle: string) =>
  textFiles(dir)
    .filter((f) => readFileSync(f, 'utf8').includes(needle))
    .map((f) => path.relative(dir, f));

let server: Loopback;
const logs: Record<string, string> = {};
const codes: Record<string, number | null> = {};

function build(name: string, outDir: string, extra: Record<string, string>): Promise<void> {
  // Build as `npm test` does, without vitest's development-mode variables.
  const VITEST_ENV = new Set(['NODE_ENV', 'MODE', 'DEV', 'PROD', 'SSR', 'BASE_URL', 'TEST']);
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !VITEST_ENV.has(k) && !k.startsWith('VITEST')),
  );
  return new Promise((resolve) => {
    const child = spawn('npx', ['astro', 'build'], {
      env: {
        ...inherited,
        ASTRO_TELEMETRY_DISABLED: '1',
        OUT_DIR: outDir,
        BUILD_NOW,
        CONTENT_DIR: FIXTURE,
        CONTENT_SOURCE: 'sanity',
        SANITY_PROJECT_ID: server.projectId,
        SANITY_DATASET: server.dataset,
        SANITY_API_HOST: server.url,
        SANITY_API_READ_TOKEN: 'loopback-read-token',
        ...extra,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    logs[name] = '';
    child.stdout.on('data', (b: Buffer) => {
      logs[name] += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => {
      logs[name] += b.toString();
    });
    child.on('close', (code) => {
      codes[name] = code;
      resolve();
    });
  });
}

beforeAll(async () => {
  const exported = readNdjson(exportNdjson(await loadLocalContent(FIXTURE), FIXTURE).ndjson);
  const { documents: docs, transactions } = await reviewedDataset(exported, readReviewers(FIXTURE));
  const salt = docs.find((d) => d._id === 'article.salt')!;
  const copy = (id: string, slug: string, title: string) => ({
    ...structuredClone(salt),
    _id: id,
    slug: { _type: 'slug', current: slug },
    title,
  });
  const drafts = [
    { ...structuredClone(salt), _id: 'drafts.article.salt', title: EDITED },
    copy('drafts.article.new-draft', 'new-draft', NEW_TITLE),
  ];
  const sneaky = copy('article.sneaky', 'sneaky', SNEAKY);
  const own = copy('article.own-work', 'own-work', SELF);
  const ownApproval = approvalOf(own);
  const reviewer = readReviewers(FIXTURE)[0]!.sanityUserId!;
  docs.push(...drafts, sneaky, own, ownApproval);
  transactions.push(
    ...drafts.map((d) => ({ author: EDITOR, states: { [d._id]: d } })),
    { author: 'pTokenRobot', states: { [sneaky._id]: sneaky } },
    { author: reviewer, states: { [own._id]: own } },
    { author: reviewer, states: { [ownApproval._id]: ownApproval } },
  );
  server = await startLoopback(docs, { transactions });
  await build('preview', PREVIEW, { SANITY_PERSPECTIVE: 'drafts' });
  await build('public', PUBLIC, {});
}, 900_000);

afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('preview build (drafts perspective)', () => {
  it('builds, reading the drafts perspective, and says it is a preview', () => {
    expect(codes.preview, logs.preview?.slice(-3000)).toBe(0);
    expect(server.perspectives).toContain('drafts');
    expect(logs.preview).toMatch(/PREVIEW build/);
  });

  it('shows the edited draft and the never-published draft', () => {
    expect(readFileSync(path.join(PREVIEW, 'articles/salt/index.html'), 'utf8')).toContain(EDITED);
    expect(existsSync(path.join(PREVIEW, 'articles/new-draft/index.html'))).toBe(true);
    expect(readFileSync(path.join(PREVIEW, 'articles/new-draft/index.html'), 'utf8')).toContain(NEW_TITLE);
  });

  it('puts no token in any file', () => {
    expect(containing(PREVIEW, 'loopback-read-token')).toEqual([]);
  });
});

describe('public build (published perspective)', () => {
  it('builds, reading only the published perspective, even with a token set', () => {
    expect(codes.public, logs.public?.slice(-3000)).toBe(0);
    expect(server.perspectives.filter((p) => p !== 'drafts').length).toBeGreaterThan(0);
    expect(server.perspectives.every((p) => p === 'drafts' || p === 'published')).toBe(true);
    expect(logs.public).not.toMatch(/PREVIEW build/);
  });

  it('has no draft anywhere: no page, no text, no search entry, no sitemap line', () => {
    expect(walk(PUBLIC).filter((f) => f.includes('new-draft'))).toEqual([]);
    expect(containing(PUBLIC, NEW_TITLE)).toEqual([]);
    expect(containing(PUBLIC, '还没审核的修改')).toEqual([]);
    expect(readFileSync(path.join(PUBLIC, 'articles/salt/index.html'), 'utf8')).toContain('每天吃多少盐？');
    expect(containing(PUBLIC, 'loopback-read-token')).toEqual([]);
  });

  it('leaves out what no listed reviewer approved, and says so in the build log', () => {
    expect(walk(PUBLIC).filter((f) => /sneaky|own-work/.test(f))).toEqual([]);
    expect(containing(PUBLIC, SNEAKY)).toEqual(['review-report.json']);
    expect(containing(PUBLIC, SELF)).toEqual(['review-report.json']);
    expect(logs.public).toContain(`article.sneaky "${SNEAKY}": published without an approval by a listed reviewer`);
    expect(logs.public).toMatch(
      /article\.own-work "自己写自己批的文章": approved by 测试医生（虚构）, who also made the last change/,
    );
  });
});

describe('review due', () => {
  it('an article past its review date says so on its page', () => {
    const html = readFileSync(path.join(PUBLIC, 'articles/salt/index.html'), 'utf8');
    expect(html).toMatch(/role="note"[^>]*>[\s\S]{0,400}本文已过复审日期（/);
  });

  it('the build writes dist/review-report.json for a scheduled job', () => {
    const report = JSON.parse(readFileSync(path.join(PUBLIC, 'review-report.json'), 'utf8'));
    expect(report).toMatchObject({
      date: '2027-02-01',
      documents: 1,
      articles: 1,
      quizzes: 0,
      overdueCount: 1,
      overdue: [
        {
          id: 'salt',
          kind: 'article',
          title: '每天吃多少盐？',
          reviewer: '测试医生（虚构）',
          reviewedAt: '2026-01-10',
          nextReviewDue: '2027-01-10',
          daysOverdue: 22,
          source: 'article.salt',
        },
      ],
      needsReviewCount: 0,
      withheldCount: 2,
    });
    expect(report.withheld.map((w: { source: string }) => w.source).sort()).toEqual([
      'article.own-work',
      'article.sneaky',
    ]);
    expect(readFileSync(path.join(PUBLIC, 'sitemap-0.xml'), 'utf8')).not.toContain('review-report');
  });
});
