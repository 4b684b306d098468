/**
 * Offline, with the service worker active on the built site (the only spec where service workers run):
 * after one visit, home and hubs of the reader's language load offline (and only that language is precached);
 * pages of other languages read once load offline too; a saved article and its picture load; a hub saves every
 * article with progress; an unsaved page shows the offline page of its language; the saved list removes items;
 * pages still render with half the requests failing; the page first landed on reads offline; the diabetes self-check, once opened, is taken offline with
 * no request; after a rebuild the update is announced and applied only when the reader asks; search, once used,
 * works offline.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { buildPwa } from '../../src/pwa/index.ts';
import { freePort } from '../../scripts/free-port.mjs';
import { diabetes, step } from './quiz-steps.ts';
import { axeViolations } from './axe.ts';
import { SAMPLE } from '../helpers/sample.ts';
// This spec uses the sample content's articles, events, families and quizzes by name: it runs while content/ is
// the sample (tests/helpers/sample.ts); the specs that pick their pages from the build run on any content.
test.skip(!SAMPLE, 'uses the sample content by name');

test.describe.configure({ timeout: 120_000 });

/** First visit: the home page, until the service worker is active and controls the page. */
async function firstVisit(page: Page, url = '/'): Promise<void> {
  await page.goto(url);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
}

/** Presses "save" in the page's save box and waits for it to finish. */
async function save(page: Page): Promise<void> {
  const box = page.locator('[data-save-offline]');
  // On an article the save box is folded behind the reading-tools button 保存到手机 (issue 16).
  const open = page.locator('.rt-save');
  if (await open.count()) await open.click();
  await expect(box).toBeVisible();
  // One action at a time: "save" until saved, then "remove".
  await expect(box.locator('[data-save-remove]')).toBeHidden();
  await box.locator('[data-save-go]').click();
  await expect(box.locator('[data-save-remove]')).toBeVisible({ timeout: 60_000 });
  await expect(box.locator('[data-save-go]')).toBeHidden();
}

async function heroLoaded(page: Page): Promise<boolean> {
  return page.locator('.article-hero img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
}

const ELDERS_HUB = '/audiences/elders/';
const ARTICLE = '/articles/fall-prevention-at-home/';

/** Paths in the service worker's precache. */
async function precached(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const name = (await caches.keys()).find((n) => n.includes('precache'))!;
    return (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
  });
}

test('after one visit, home and hubs load offline; an unsaved page lands on the offline page', async ({
  page,
  context,
}) => {
  await firstVisit(page);
  // Only the reader's language is installed: no page of another language, no self-check, no search index.
  const installed = await precached(page);
  expect(installed).toEqual(expect.arrayContaining(['/index.html', '/offline/index.html', `${ELDERS_HUB}index.html`]));
  expect(installed.filter((p) => /^\/(zh-hant|yue|en)\/|^\/self-check\/[^/]+\/|^\/search-index\//.test(p))).toEqual([]);
  // Pages of other languages, read once, are kept for offline too.
  for (const url of ['/zh-hant/', '/en/audiences/elders/', '/yue/'])
    expect((await page.goto(url))?.ok(), url).toBe(true);
  await context.setOffline(true);
  for (const url of [
    '/',
    '/audiences/',
    ELDERS_HUB,
    '/topics/',
    '/self-check/',
    '/zh-hant/',
    '/en/audiences/elders/',
  ]) {
    const response = await page.goto(url);
    expect(response?.ok(), url).toBe(true);
    await expect(page.locator('h1').first(), url).toBeVisible();
    await expect(page.locator('[data-offline-page]'), url).toHaveCount(0);
  }
  // An article nobody saved: the offline page of that language, with the emergency numbers, not an error.
  await page.goto('/articles/stroke-be-fast/');
  await expect(page.locator('[data-offline-page]')).toHaveText('离线阅读');
  await expect(page.locator('main a[href="tel:120"]')).toBeVisible();
  await page.goto('/yue/articles/stroke-be-fast/');
  await expect(page.locator('[data-offline-page]')).toHaveText('離線睇');
  expect(await axeViolations(page, 'offline page (yue)')).toEqual([]);
});

test('the page first landed on (an article from a chat link) reads offline too, with its scripts', async ({
  page,
  context,
}) => {
  const landing = '/articles/stroke-be-fast/';
  await firstVisit(page, landing);
  // It loaded before the worker ran; once in control, the worker keeps it and every script it loaded (pwa.js is
  // precached under a revision parameter).
  const missing = () =>
    page.evaluate(async (url) => {
      const scripts = performance
        .getEntriesByType('resource')
        .map((e) => new URL(e.name).pathname)
        .filter((p) => p.endsWith('.js'));
      const found = await Promise.all(
        [url, ...scripts].map(async (p) => ((await caches.match(p, { ignoreSearch: true })) ? null : p)),
      );
      return found.filter(Boolean);
    }, landing);
  await expect.poll(missing, { timeout: 30_000 }).toEqual([]);
  await context.setOffline(true);
  const reader = await context.newPage();
  await reader.goto(landing);
  await expect(reader.locator('[data-offline-page]')).toHaveCount(0);
  await expect(reader.locator('article h1')).toBeVisible();
});

test('a saved article and its picture load offline; remove it from the offline page', async ({ page, context }) => {
  await firstVisit(page);
  await page.goto(ARTICLE);
  await expect(page.locator('.save-audio')).toContainText(/MB|KB/);
  await save(page);
  await expect(page.locator('[data-save-status]')).toContainText('已保存');
  await context.setOffline(true);
  // A fresh tab, so nothing comes from this page's memory.
  const reader = await context.newPage();
  await reader.goto(ARTICLE);
  await expect(reader.locator('h1')).toHaveText('老人在家怎样防跌倒？');
  await expect.poll(() => heroLoaded(reader)).toBe(true);
  expect(await reader.locator('.article-hero img').evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(
    /\.avif$/,
  );
  // The offline page lists it; removing it makes the article unavailable offline again.
  await reader.goto('/offline/');
  const item = reader.locator('.saved-item', { hasText: '老人在家怎样防跌倒？' });
  await expect(item).toBeVisible();
  await item.getByRole('button').click();
  await expect(reader.locator('[data-offline-status]')).toContainText('已删除');
  await expect(reader.locator('[data-offline-empty]')).toBeVisible();
  // Gone from the saved cache, its picture too (a copy met while browsing may remain in the bounded page cache).
  const left = await reader.evaluate(async (url) => {
    const cache = await caches.open('hc-saved-v1');
    return { page: Boolean(await cache.match(url)), files: (await cache.keys()).length };
  }, ARTICLE);
  expect(left).toEqual({ page: false, files: 0 });
});

test("save the elders' hub on Wi-Fi, read every article with its pictures with no signal", async ({
  page,
  context,
}) => {
  await firstVisit(page);
  await page.goto(ELDERS_HUB);
  const articles = await page
    .locator('main .card a[href^="/articles/"]')
    .evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')!))]);
  expect(articles.length).toBeGreaterThan(3);
  expect(articles).toContain(ARTICLE);
  const status = page.locator('[data-save-status]');
  await expect(page.locator('[data-save-remove]')).toBeHidden();
  await page.locator('[data-save-go]').click();
  // Progress is shown while the articles are fetched.
  await expect(status).toContainText(/正在保存：\d+\/\d+/);
  await expect(page.locator('[data-save-remove]')).toBeVisible({ timeout: 90_000 });
  await expect(status).toContainText('已保存');
  await context.setOffline(true);
  const reader = await context.newPage();
  for (const url of articles) {
    const response = await reader.goto(url);
    expect(response?.ok(), url).toBe(true);
    await expect(reader.locator('[data-offline-page]'), url).toHaveCount(0);
    await expect(reader.locator('article h1'), url).toBeVisible();
    const broken = await reader.locator('main img').evaluateAll((imgs: HTMLImageElement[]) =>
      Promise.all(
        imgs.map(async (i) => {
          i.loading = 'eager';
          await i.decode().catch(() => {});
          return i.naturalWidth > 0 ? null : i.currentSrc || i.src;
        }),
      ),
    );
    expect(broken.filter(Boolean), url).toEqual([]);
    // Its own box says it is on the phone (saved with the hub).
    await expect(reader.locator('[data-save-status]'), url).toContainText('已保存在这台手机上');
  }
  await reader.goto('/offline/');
  await expect(reader.locator('.saved-item', { hasText: '老年人' })).toContainText(`${articles.length} 篇文章`);
});

test('saved pages still render when half the requests fail', async ({ page, context }) => {
  await firstVisit(page);
  await page.goto(ARTICLE);
  await save(page);
  // A deterministic coin: every other request fails, in a shuffled order.
  let seed = 7;
  const coin = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 < 0.5;
  let failed = 0;
  await context.route('**/*', (route) => (coin() ? (failed++, route.abort('connectionfailed')) : route.continue()));
  for (let i = 0; i < 6; i++) {
    const reader = await context.newPage();
    await reader.goto(ARTICLE);
    await expect(reader.locator('h1')).toHaveText('老人在家怎样防跌倒？');
    await expect.poll(() => heroLoaded(reader)).toBe(true);
    // The stylesheet applied: the header has the theme colour.
    expect(await reader.locator('.site-header').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe(
      'rgb(0, 90, 78)',
    );
    await reader.close();
  }
  expect(failed).toBeGreaterThan(0);
});

test('the diabetes self-check, once opened, works offline: 24 vs 25 points, no request while answering', async ({
  page,
  context,
}) => {
  await firstVisit(page);
  // Not precached (it needs React): the page and its island are kept when first opened.
  await page.goto('/self-check/diabetes-risk/');
  await expect(step(page)).toBeVisible();
  await context.setOffline(true);
  await page.goto('/self-check/diabetes-risk/');
  await expect(page.locator('[data-offline-page]')).toHaveCount(0);
  await expect(step(page)).toBeVisible();
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  await diabetes(page, { sex: '女', age: 45, weight: 49.5, waist: 70, sbp: 150, family: '没有' });
  const result = page.locator('[data-quiz-state="result"]');
  await expect(result).toContainText('得分：24 分');
  await expect(result.locator('.quiz-band')).toHaveAttribute('data-band', '0');
  await page.getByRole('button', { name: '重新做一次' }).click();
  await diabetes(page, { sex: '女', age: 50, weight: 49.5, waist: 70, sbp: 150, family: '没有' });
  await expect(result).toContainText('得分：25 分');
  await expect(result.locator('.quiz-band')).toHaveAttribute('data-band', '1');
  await expect(result).toContainText('建议去查血糖');
  expect(requests, 'requests made while answering').toEqual([]);
});

test.describe('updates', () => {
  let server: ChildProcess | undefined;
  let root = '';
  test.afterAll(() => {
    server?.kill();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  test('a rebuild is announced; "update" applies it and shows the new content, never on its own', async ({ page }) => {
    const port = await freePort();
    root = mkdtempSync(path.join(tmpdir(), 'hc-update-'));
    const v1 = path.join(root, 'v1');
    const v2 = path.join(root, 'v2');
    cpSync('dist', v1, { recursive: true });
    cpSync('dist', v2, { recursive: true });
    // Version 2: changed content on the home page and an article, then the service worker rebuilt for it.
    for (const file of ['index.html', 'articles/home-blood-pressure/index.html']) {
      const f = path.join(v2, file);
      writeFileSync(
        f,
        readFileSync(f, 'utf8').replace(
          '<main id="main" tabindex="-1" class="wrap">',
          '<main id="main" tabindex="-1" class="wrap"><p data-v2>新版本内容</p>',
        ),
      );
    }
    await buildPwa(v2);
    expect(readFileSync(path.join(v2, 'sw.js'), 'utf8')).not.toBe(readFileSync(path.join(v1, 'sw.js'), 'utf8'));
    // The served directory is a link that is switched from v1 to v2, like a deploy.
    const site = path.join(root, 'site');
    symlinkSync(v1, site);
    server = spawn(process.execPath, ['scripts/serve.mjs', site, String(port)], { stdio: 'ignore' });
    const base = `http://127.0.0.1:${port}`;
    await expect.poll(async () => (await fetch(`${base}/`).catch(() => null))?.status ?? 0).toBe(200);

    await firstVisit(page, `${base}/articles/home-blood-pressure/`);
    await expect(page.locator('[data-v2]')).toHaveCount(0);
    // The reader saved this article under version 1.
    await save(page);
    const savedBuild = () =>
      page.evaluate(() => JSON.parse(localStorage.getItem('hc:offline-saved') ?? '[]')[0]?.build as string);
    const v1Build = await savedBuild();
    expect(v1Build).toMatch(/^[0-9a-f]{12}$/);
    const next = path.join(root, 'next');
    symlinkSync(v2, next);
    renameSync(next, site);

    // The reader goes on reading: the new version installs and is announced, the page is not reloaded.
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 1;
    });
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())!.update();
    });
    const bar = page.locator('[data-pwa-update-bar]');
    await expect(bar).toBeVisible({ timeout: 30_000 });
    await expect(bar).toContainText('网站有新版本');
    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    expect(await axeViolations(page, 'update bar')).toEqual([]);
    // "Update": the new worker takes over and the page reloads once, with the new content.
    await bar.getByRole('button', { name: '更新' }).click();
    await expect(page.locator('[data-v2]')).toHaveText('新版本内容');
    await page.goto(`${base}/`);
    await expect(page.locator('[data-v2]')).toHaveText('新版本内容');
    // The saved copy is refreshed from version 2 in the background, so it reads the new text offline too.
    await expect.poll(savedBuild, { timeout: 30_000 }).not.toBe(v1Build);
    await page.context().setOffline(true);
    await page.goto(`${base}/articles/home-blood-pressure/`);
    await expect(page.locator('[data-v2]')).toHaveText('新版本内容');
    await page.context().setOffline(false);
    // Old precache entries are gone: one version's files only.
    const keys = await page.evaluate(async () => {
      const names = await caches.keys();
      const pre = names.find((n) => n.includes('precache'))!;
      return (await (await caches.open(pre)).keys()).map((r) => r.url);
    });
    const v2sw = readFileSync(path.join(v2, 'sw.js'), 'utf8');
    for (const k of keys) expect(v2sw, k).toContain(new URL(k).pathname.slice(1).replace(/\?.*$/, ''));
  });
});

test('install offer is polite: shown once the browser allows it, dismissible and remembered', async ({ page }) => {
  await firstVisit(page);
  const offer = async () =>
    page.evaluate(() => {
      const e = new Event('beforeinstallprompt') as Event & {
        prompt: () => Promise<void>;
        userChoice: Promise<unknown>;
      };
      e.prompt = async () => {};
      e.userChoice = Promise.resolve({ outcome: 'dismissed' });
      window.dispatchEvent(e);
    });
  await offer();
  const bar = page.locator('[data-pwa-install-bar]');
  await expect(bar).toBeVisible();
  await bar.getByRole('button', { name: '不用了' }).click();
  await expect(bar).toHaveCount(0);
  await page.reload();
  await page.waitForLoadState('load');
  await page.waitForTimeout(500);
  await offer();
  await page.waitForTimeout(500);
  await expect(bar).toHaveCount(0);
});

test('search works offline after one visit: what was searched stays, and a saved topic pack brings the whole index', async ({
  page,
  context,
}) => {
  await firstVisit(page, '/search/');
  const input = page.getByTestId('search-input');
  await input.fill('血压');
  await expect(page.getByTestId('search-result').first()).toBeVisible();
  await context.setOffline(true);
  // The same words in the other script need the same shards: answered from the service worker's cache.
  await page.goto('/search/');
  await expect(page.locator('[data-offline-page]')).toHaveCount(0);
  await input.fill('血壓');
  await expect(page.getByTestId('search-result').first()).toHaveAttribute(
    'data-id',
    /^(home-blood-pressure|low-salt-blood-pressure)$/,
  );
  // Words never searched: no shard offline yet, so the page says search is unavailable rather than nothing found.
  await input.fill('tnb');
  await expect(page.getByTestId('search-status')).toHaveText(/搜索暂时无法使用/);
  await context.setOffline(false);
  await page.goto(ELDERS_HUB);
  await save(page);
  await context.setOffline(true);
  await page.goto('/search/');
  await input.fill('tnb');
  await expect(page.getByTestId('search-result').first()).toBeVisible();
  await input.fill('骨密度');
  await expect(page.getByTestId('search-result').first()).toBeVisible();
});

test('the points card, once opened, shows offline: its QR, its number and the last known balance with its time', async ({
  page,
  context,
}) => {
  const card = { token: 'offline-test-token-000000000000', number: '1234567894' };
  await page.addInitScript((c) => {
    localStorage.setItem('hc:points-card', JSON.stringify(c));
    localStorage.setItem(
      'hc:points-last',
      JSON.stringify({
        at: Date.UTC(2026, 10, 22, 1, 30),
        summary: { number: c.number, balance: 45, expiring: [] },
        transfers: { transfers: [] },
        catalogue: { rules: [], rewards: [] },
      }),
    );
  }, card);
  await firstVisit(page, '/points/');
  const missing = () =>
    page.evaluate(async () => {
      const scripts = performance
        .getEntriesByType('resource')
        .map((e) => new URL(e.name).pathname)
        .filter((p) => p.endsWith('.js'));
      const found = await Promise.all(
        ['/points/', ...scripts].map(async (p) => ((await caches.match(p, { ignoreSearch: true })) ? null : p)),
      );
      return found.filter(Boolean);
    });
  await expect.poll(missing, { timeout: 30_000 }).toEqual([]);
  await context.setOffline(true);
  const phone = await context.newPage();
  await phone.goto('/points/');
  await expect(phone.locator('[data-offline-page]')).toHaveCount(0);
  await expect(phone.locator('[data-card-qr] svg')).toBeVisible();
  await expect(phone.locator('[data-card-number]')).toContainText(/1234\s5678\s94/);
  await expect(phone.locator('[data-card-balance]')).toHaveText('45');
  await expect(phone.locator('[data-card-updated]')).toContainText('11月22日');
  await expect(phone.locator('[data-card-offline]')).toBeVisible();
});
