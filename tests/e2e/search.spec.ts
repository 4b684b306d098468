/**
 * Search as a resident uses it: Chinese, partial words, pinyin, initials, dialect aliases and Traditional
 * characters each bring the expected article first; arrow keys move through results; the header box reaches
 * it from any page; without JavaScript the page offers browsing; axe passes with results on screen.
 * Stable hooks for other specs (offline): [data-testid=search-input|search-status|search-results|search-result].
 */
import { expect, test, type Page } from '@playwright/test';
import { axeViolations } from './axe.ts';

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

test('the header box on every page goes to search with the query, and results show type, audiences and the match', async ({ page }) => {
  await page.goto('/articles/');
  const box = page.getByRole('search', { name: '搜索全站' });
  await box.getByRole('searchbox').fill('gxy');
  await box.getByRole('button', { name: '搜索' }).click();
  await expect(page).toHaveURL(/\/search\/\?q=gxy$/);
  await expect(page.getByTestId('search-input')).toHaveValue('gxy');
  await expect(first(page)).toHaveAttribute('data-id', HYPERTENSION);
  const hit = page.locator('.search-hit').first();
  await expect(hit.locator('.tag').first()).toHaveText('文章');
  await expect(hit.locator('.tag').nth(1)).toBeVisible();
  await expect(hit.locator('mark').first()).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /^文章 \(\d+\)$/ })).toBeVisible();
  await expect(page.getByTestId('search-status')).toHaveText(/^找到 \d+ 条结果$/);
});

test('the index is fetched only when search is used, core first then detail', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (r) => { if (r.url().includes('/search-index/')) requested.push(new URL(r.url()).pathname); });
  await page.goto('/search/');
  await page.waitForLoadState('networkidle');
  expect(requested).toEqual([]);
  await page.getByTestId('search-input').fill('血压');
  await expect(first(page)).toBeVisible();
  await expect(page.locator('[data-search][data-loaded="detail"]')).toHaveCount(1);
  expect(requested).toHaveLength(2);
  for (const p of requested) expect(p).toMatch(/^\/search-index\/zh-hans\/[0-9a-f]{12}\.json$/);
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
  await expect(page.locator('[data-search][data-loaded="detail"]')).toHaveCount(1);
  expect(await axeViolations(page, '/search/?q=血压')).toEqual([]);
  await page.goto('/en/search/?q=blood pressure');
  await expect(first(page)).toBeVisible();
  expect(await axeViolations(page, '/en/search/')).toEqual([]);
});
