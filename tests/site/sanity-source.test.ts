/**
 * The site built from Sanity is the site built from content/. Exports content/ to NDJSON, serves it through
 * the loopback query API (groq-js), builds with CONTENT_SOURCE=sanity through the real @sanity/client into
 * dist-sanity/, and compares with dist/ (built from content/ by `npm test`): the same files and URLs, and on
 * every page the same title and the same main content. Every health document is approved by its listed reviewer
 * in the dataset's history (the loopback's History API); one more article is published through the API with a
 * write token and no approval: the build leaves it out, says why, and still succeeds.
 * It follows CONTENT_DIR and DIST: npm test runs it on the centre-real fixture (built into dist-fixture/), so its
 * second build does not grow with content/; after a build of content/, `npx vitest run tests/site/sanity-source.test.ts`
 * compares the whole sample.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLocalContent } from '../../src/content/loaders/local.ts';
import { exportNdjson } from '../../scripts/cms-export.ts';
import { readNdjson, startLoopback, type Loopback } from '../helpers/sanity-loopback.ts';
import { readReviewers, reviewedDataset } from '../helpers/sanity-review.ts';
import { CONTENT_DIR, DIST } from '../helpers/env.ts';

const OUT = path.resolve('dist-sanity');
const INVALID = 'article.unreviewed-draft';

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) =>
    statSync(path.join(dir, n)).isDirectory() ? walk(path.join(dir, n)) : [path.join(dir, n)],
  );
/** Site files, without content-hashed build assets (their names are compared through the pages that use them). */
const siteFiles = (root: string) =>
  walk(root)
    .map((f) => path.relative(root, f).split(path.sep).join('/'))
    .filter((f) => !f.startsWith('_astro/'))
    .sort();

const title = (html: string) => /<title>([\s\S]*?)<\/title>/.exec(html)?.[1]?.trim();
const main = (html: string) => /<main\b[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

let server: Loopback;
let output = '';
let exitCode: number | null = null;
let seconds = 0;

beforeAll(async () => {
  const exported = readNdjson(exportNdjson(await loadLocalContent(CONTENT_DIR), CONTENT_DIR).ndjson);
  const { documents: docs, transactions } = await reviewedDataset(exported, readReviewers(CONTENT_DIR));
  // Published through the API with a write token, without review.
  const { reviewer: _r, ...draft } = structuredClone(docs.find((d) => d._type === 'article')!);
  const unreviewed = {
    ...draft,
    _id: INVALID,
    slug: { _type: 'slug', current: 'unreviewed-draft' },
    title: '还没审核的文章',
  };
  docs.push(unreviewed);
  transactions.push({ author: 'pTokenRobot', states: { [INVALID]: unreviewed } });
  server = await startLoopback(docs, { transactions });
  rmSync(OUT, { recursive: true, force: true });
  const started = Date.now();
  exitCode = await new Promise<number | null>((resolve) => {
    // Vitest puts NODE_ENV=test, MODE, DEV … in process.env; a build inheriting them is a development build
    // (React's dev bundle, dev-only attributes). Build as `npm test` does.
    const VITEST_ENV = new Set(['NODE_ENV', 'MODE', 'DEV', 'PROD', 'SSR', 'BASE_URL', 'TEST']);
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !VITEST_ENV.has(k) && !k.startsWith('VITEST')),
    );
    const child = spawn('npx', ['astro', 'build'], {
      env: {
        ...inherited,
        ASTRO_TELEMETRY_DISABLED: '1',
        OUT_DIR: OUT,
        CONTENT_SOURCE: 'sanity',
        SANITY_PROJECT_ID: server.projectId,
        SANITY_DATASET: server.dataset,
        SANITY_API_HOST: server.url,
        SANITY_API_READ_TOKEN: 'loopback-read-token',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (b: Buffer) => {
      output += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => {
      output += b.toString();
    });
    child.on('close', resolve);
  });
  seconds = (Date.now() - started) / 1000;
  console.log(`CONTENT_SOURCE=sanity build: ${seconds.toFixed(1)} s, ${server.requests} query request(s)`);
}, 600_000);

afterAll(async () => {
  await server?.close();
});

describe('the site built from Sanity (loopback)', () => {
  it('builds, fetching the content once, and reports the unapproved document with the reason', () => {
    expect(exitCode, output.slice(-3000)).toBe(0);
    expect(server.requests).toBe(1);
    expect(output).toContain(
      'article.unreviewed-draft "还没审核的文章": published without an approval by a listed reviewer',
    );
  });

  it('leaves the unapproved document out', () => {
    expect(siteFiles(OUT).filter((f) => f.includes('unreviewed-draft'))).toEqual([]);
    expect(
      walk(OUT)
        .filter((f) => f.endsWith('.html'))
        .some((f) => readFileSync(f, 'utf8').includes('还没审核的文章')),
    ).toBe(false);
  });

  it('has the same files and URLs as the site built from content/', () => {
    expect(existsSync(DIST), 'build dist/ first (npm test does)').toBe(true);
    const local = siteFiles(DIST);
    expect(local.filter((f) => f.endsWith('.html')).length).toBeGreaterThan(10);
    expect(siteFiles(OUT)).toEqual(local);
  });

  it('has the same title and main content on every page', () => {
    const pages = siteFiles(DIST).filter((f) => f.endsWith('.html'));
    const differ: string[] = [];
    for (const p of pages) {
      const a = readFileSync(path.join(DIST, p), 'utf8');
      const b = readFileSync(path.join(OUT, p), 'utf8');
      if (title(a) !== title(b)) differ.push(`${p}: title ${title(a)} ≠ ${title(b)}`);
      else if (text(main(a)) !== text(main(b))) differ.push(`${p}: main text`);
      else if (main(a) !== main(b)) differ.push(`${p}: main HTML`);
    }
    expect(differ).toEqual([]);
    // The comparison is not vacuous: article pages have their body in <main>.
    const articles = pages.filter((p) => /^articles\/[^/]+\/index\.html$/.test(p));
    expect(articles.length).toBeGreaterThan(0);
    for (const p of articles)
      expect(text(main(readFileSync(path.join(OUT, p), 'utf8'))).length, p).toBeGreaterThan(300);
  });
});
