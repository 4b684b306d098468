/**
 * Search as a resident uses it: Chinese, partial words, pinyin, initials, dialect aliases and Traditional
 * characters each bring the expected article first; a phrase from a body paragraph, an event's title and an
 * English topic name find their pages (read from the built site, so any content works); results sit above a
 * phone's keyboard; only the shards a query needs are fetched; arrow keys move through results; the header
 * box reaches it from any page; without JavaScript the page offers browsing; axe passes with results on screen.
 * Stable hooks for other specs (offline): [data-testid=search-input|search-status|search-results|search-result].
 */
import { expect, test, type Page } from '@playwright/test';
import { axeViolations } from './axe.ts';
import { SAMPLE } from '../helpers/sample.ts';
// This spec uses the sample content's articles, events, families and quizzes by name: it runs while content/ is
// the sample (tests/helpers/sample.ts); the specs that pick their pages from the build run on any content.
test.skip(!SAMPLE, 'uses the sample content by name');

const first = (page: Page) => page.getByTestId('search-result').first();
const HYPERTENSION = /^(home-blood-pressure|low-salt-blood-pressure)$/;

const CASES: Array<{ kind: string; path: string; q: string; id: RegExp | string }> = [
  { kind: 'exact title', path: '/search/', q: '为什么要在家量血压', id: 'home-blood-pressure' },
  { kind: 'partial word', path: '/search/', q: '量血压', id: 'home-blood-pressure' },
  { kind: 'Chinese keyword', path: '/search/', q: '血压', id: HYPERTENSION },
  { kind: 'pinyin', path: '/search/', q: 'gaoxueya', id: HYPERTENSION },
  { kind: 'initials', path: '/search/', q: 'gxy', id: HYPERTENSION },
  { kind: 'dialect alias', path: '/search/', q: '食咸', id: 'low-salt-blood-pressure' },
  { kind: 'Traditional characters', path: '/search/', q: '血壓', id: HYPERTENSION },
  { kind: 'Simplified on the Traditional site', path: '/zh-hant/search/', q: '血压', id: HYPERTENSION },
  { kind: 'Traditional on the Cantonese site', path: '/yue/search/', q: '高血壓', id: HYPERTENSION },
  { kind: 'one wrong character', path: '/search/', q: '母乳喂羊', id: 'breastfeeding-first-six-months' },
];

for (const c of CASES) {
  test(`${c.kind}: "${c.q}" puts the expected article first`, async ({ page }) => {
    await page.goto(c.path);
    await page.getByTestId('search-input').fill(c.q);
    await expect(first(page)).toHaveAttribute('data-id', c.id);
    await expect(first(page)).toHaveAttribute('data-type', 'article');
    await expect(page.getByTestId('search-status')).toHaveText(/\d/);
  });
}

test('the header box on every page goes to search with the query, and results show type, audiences and the match', async ({
  page,
}) => {
  await page.goto('/articles/');
  // On a phone the header's search field sits behind its 搜索 disclosure button: open it as a reader would.
  const toggle = page.locator('button[aria-controls="site-search"]');
  if (await toggle.isVisible()) {
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  }
  const box = page.getByRole('search', { name: '搜索全站' });
  await box.getByRole('searchbox').fill('gxy');
  await box.getByRole('button', { name: '搜索' }).click();
  await expect(page).toHaveURL(/\/search\/\?q=gxy$/);
  await expect(page.getByTestId('search-input')).toHaveValue('gxy');
  await expect(first(page)).toHaveAttribute('data-id', HYPERTENSION);
  const hit = page.locator('.search-hit').first();
  await expect(hit.locator('.tag').first()).toHaveText('文章');
  await expect(hit.locator('.tag').nth(1)).toBeVisible();
  await expect(page.getByTestId('search-status')).toHaveText(/^找到 \d+ 条结果$/);
});

/** Text of the first paragraph of the first article listed on a page, and the article's id. */
async function firstArticleSentence(page: Page, list: string): Promise<{ id: string; phrase: string }> {
  await page.goto(list);
  const href = await page.locator('main a[href*="/articles/"]').first().getAttribute('href');
  await page.goto(href!);
  const id = href!.split('/').filter(Boolean).pop()!;
  const paragraph =
    (await page
      .locator('main .prose p')
      .filter({ hasText: /\p{Script=Han}{12}/u })
      .nth(1)
      .textContent()) ?? '';
  // A run of Han characters from inside a body paragraph: only the full text holds it.
  const run = paragraph.match(/\p{Script=Han}{10,}/u)![0];
  return { id, phrase: run.slice(2, 10) };
}

test('full text: a phrase from inside an article body finds the article, and the snippet shows it marked', async ({
  page,
}) => {
  const { id, phrase } = await firstArticleSentence(page, '/articles/');
  await page.goto('/search/');
  await page.getByTestId('search-input').fill(phrase);
  const ids = page.getByTestId('search-result');
  await expect(ids.first()).toBeVisible();
  const top3 = await ids.evaluateAll((as) => as.slice(0, 3).map((a) => a.getAttribute('data-id')));
  expect(top3, phrase).toContain(id);
  const hit = page.locator('.search-hit').filter({ has: page.locator(`[data-id="${id}"]`) });
  const marks = (await hit.locator('mark').allTextContents()).join('');
  expect(marks.length, `${phrase}: marked words`).toBeGreaterThan(0);
  for (const m of await hit.locator('mark').allTextContents()) expect(phrase).toContain(m.slice(0, 2));
});

test('events rank with articles: the title of an event finds the event first, with its date', async ({ page }) => {
  await page.goto('/events/');
  const events = await page
    .locator('main a[href^="/events/"]')
    .evaluateAll((as) =>
      as
        .map((a) => ({ href: a.getAttribute('href') ?? '', title: (a.textContent ?? '').trim() }))
        .filter(
          (e) =>
            /^\/events\/[a-z0-9-]+\/$/.test(e.href) &&
            !/^\/events\/(archive|calendar)\//.test(e.href) &&
            /\p{Script=Han}{4}/u.test(e.title),
        ),
    );
  const { href, title } = events[0];
  await page.goto('/search/');
  await page.getByTestId('search-input').fill(title);
  await expect(first(page)).toHaveAttribute('data-type', 'event');
  await expect(first(page)).toHaveAttribute('href', href);
  await expect(page.locator('.search-hit').first().locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}$/);
});

test('English: the English name of a topic finds pages of that topic on /en/, untranslated ones included', async ({
  page,
}) => {
  await page.goto('/en/topics/');
  const link = page
    .locator('main a[href^="/en/topics/"][href$="/"]')
    .filter({ hasText: /^[A-Za-z ,]{4,}$/ })
    .first();
  const name = (await link.textContent())!.trim();
  const topic = (await link.getAttribute('href'))!;
  await page.goto(topic);
  const listed = await page
    .locator('main a[href^="/en/articles/"]')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  await page.goto('/en/search/');
  await page.getByTestId('search-input').fill(name);
  await expect(first(page)).toBeVisible();
  const hrefs = await page.getByTestId('search-result').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(hrefs.filter((h) => listed.includes(h)).length, name).toBeGreaterThan(0);
});

test('on the Chinese page an English word does not match inside pinyin', async ({ page }) => {
  await page.goto('/search/?q=flu');
  await expect(page.getByTestId('search-status')).toHaveText(/\S/);
  for (const t of await page.locator('.search-hit').allTextContents()) expect(t.toLowerCase()).toMatch(/flu|流感/);
});

test('on a phone the first results are above the on-screen keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto('/search/');
  await page.getByTestId('search-input').fill('血压');
  await expect(first(page)).toBeVisible();
  // A phone keyboard covers about the lower 45 % of an 800 px screen.
  const box = await first(page).boundingBox();
  expect(box!.y + box!.height).toBeLessThan(800 * 0.55);
});

test('the index is fetched only when search is used, then only the shards a query needs', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/search-index/')) requested.push(new URL(r.url()).pathname);
  });
  await page.goto('/search/');
  await page.waitForLoadState('networkidle');
  expect(requested).toEqual([]);
  await page.getByTestId('search-input').fill('血压');
  await expect(first(page)).toBeVisible();
  expect(requested[0]).toMatch(/^\/search-index\/zh-hans\/[0-9a-f]{12}\.json$/);
  const shards = requested.filter((p) => /\/(t\d+|w-[a-z0-9]+)\.json$/.test(p));
  expect(shards.length).toBeGreaterThan(0);
  expect(shards.length).toBeLessThanOrEqual(2);
  for (const p of requested.slice(1))
    expect(p).toMatch(/^\/search-index\/zh-hans\/[0-9a-f]{12}\/(t\d+|w-[a-z0-9]+|d\/\d+)\.json$/);
  // Typing on: the same words ask for nothing new.
  const before = requested.length;
  await page.getByTestId('search-input').fill('');
  await page.getByTestId('search-input').fill('血压');
  await expect(first(page)).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(requested.length).toBe(before);
});

test('arrow keys move between results and Escape returns to the box', async ({ page }) => {
  await page.goto('/search/?q=血压');
  const results = page.getByTestId('search-result');
  await expect(results.nth(1)).toBeVisible();
  const input = page.getByTestId('search-input');
  await input.focus();
  await page.keyboard.press('ArrowDown');
  await expect(results.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(results.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(results.nth(0)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(input).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const href = await results.nth(0).getAttribute('href');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${href}$`));
});

test('a query nothing matches says so', async ({ page }) => {
  await page.goto('/search/?q=量子计算机');
  await expect(page.getByTestId('search-status')).toHaveText(/没有找到“量子计算机”/);
  await expect(page.getByTestId('search-result')).toHaveCount(0);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the page offers browsing by audience and topic', async ({ page }) => {
    await page.goto('/search/?q=血压');
    await expect(page.getByText('在这个浏览器里无法即时搜索')).toBeVisible();
    const browse = page.getByTestId('search-browse');
    await expect(browse.getByRole('heading', { name: '按人群', exact: true })).toBeVisible();
    await browse.getByRole('link', { name: '老年人' }).click();
    await expect(page).toHaveURL(/\/audiences\/elders\/$/);
    await page.goBack();
    await expect(browse.locator('a[href^="/topics/"]').first()).toBeVisible();
  });
});

test('axe passes on the search page with results, in every reading mode', async ({ page }) => {
  test.setTimeout(120_000); // two pages × three reading modes on a shared machine
  await page.goto('/search/?q=血压');
  await expect(first(page)).toBeVisible();
  await expect(page.locator('[data-search][data-loaded="manifest"]')).toHaveCount(1);
  expect(await axeViolations(page, '/search/?q=血压')).toEqual([]);
  await page.goto('/en/search/?q=blood pressure');
  await expect(first(page)).toBeVisible();
  expect(await axeViolations(page, '/en/search/')).toEqual([]);
});
