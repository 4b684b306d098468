/** The healthy-family gallery: filters by year, award and habit, with and without JavaScript; family pages. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { AXE_TAGS } from './axe.ts';
import { SAMPLE } from '../helpers/sample.ts';
// This spec uses the sample content's articles, events, families and quizzes by name: it runs while content/ is
// the sample (tests/helpers/sample.ts); the specs that pick their pages from the build run on any content.
test.skip(!SAMPLE, 'uses the sample content by name');

const TAGS = AXE_TAGS;
const visibleCards = (page: import('@playwright/test').Page) => page.locator('[data-gallery] li[data-year]:visible');
/** The gallery's count: a live region of its own (the update/install bar is another role=status on every page). */
const galleryStatus = (page: import('@playwright/test').Page) =>
  page.getByRole('status').and(page.locator('[data-gallery-status]'));

test('gallery filters by habit, award and year in place, keep the choice in the URL, and say how many', async ({
  page,
}) => {
  await page.goto('/families/');
  await expect(visibleCards(page)).toHaveCount(6);
  await expect(galleryStatus(page)).toHaveText('共 6 个家庭');
  await page.getByText('按荣誉或好习惯筛选').click();

  await page.getByRole('group', { name: '荣誉' }).getByRole('button', { name: '无烟家庭' }).click();
  await expect(visibleCards(page)).toHaveCount(1);
  await expect(galleryStatus(page)).toHaveText('共 1 个家庭');
  await expect(page).toHaveURL(/award=/);
  await page.getByRole('group', { name: '荣誉' }).getByRole('button', { name: '全部' }).click();

  const habit = page.getByRole('group', { name: '好习惯' }).getByRole('button').nth(1);
  const habitName = (await habit.textContent())!.trim();
  await habit.click();
  await expect(habit).toHaveAttribute('aria-pressed', 'true');
  for (const habits of await visibleCards(page).evaluateAll((els) =>
    els.map((el) => JSON.parse((el as HTMLElement).dataset.habits!) as string[]),
  )) {
    expect(habits).toContain(habitName);
  }
  await page.getByRole('group', { name: '好习惯' }).getByRole('button', { name: '全部' }).click();

  await page.getByRole('navigation', { name: '评选年份' }).getByRole('link', { name: '2025' }).click();
  await expect(page).toHaveURL(/\/families\/\?year=2025$/);
  await expect(visibleCards(page)).toHaveCount(3);
  for (const year of await visibleCards(page).evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.year)))
    expect(year).toBe('2025');

  // A shared filtered link opens filtered.
  await page.goto('/families/?year=2026&award=无烟家庭');
  await expect(visibleCards(page)).toHaveCount(1);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the year filter is a page per award year; the other filters are not offered', async ({ page }) => {
    await page.goto('/families/');
    await expect(page.getByRole('group', { name: '好习惯' })).toBeHidden();
    await expect(page.getByText('按荣誉或好习惯筛选')).toBeHidden();
    await page.getByRole('navigation', { name: '评选年份' }).getByRole('link', { name: '2026' }).click();
    await expect(page).toHaveURL(/\/families\/year\/2026\/$/);
    await expect(page.locator('h1')).toHaveText('2026 年健康家庭');
    await expect(page.locator('[data-gallery] li[data-year]')).toHaveCount(3);
    await expect(page.getByRole('link', { name: '2026' })).toHaveAttribute('aria-current', 'page');
  });
});

test('a family page tells the story with pictures, credits, habits, award and related articles', async ({ page }) => {
  await page.goto('/families/chen-family-less-sugar/');
  const pictures = page.locator('.family-photo picture');
  await expect(pictures).toHaveCount(2);
  const first = pictures.first().locator('img');
  await expect(first).toHaveAttribute('alt', /插图：陈家四口/);
  await expect(first).toHaveAttribute('loading', 'eager');
  await expect(pictures.nth(1).locator('img')).toHaveAttribute('loading', 'lazy');
  expect(await pictures.first().locator('source[type="image/avif"]').count()).toBe(1);
  expect(
    await first.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0),
  ).toBe(true);
  await expect(page.locator('.family-photo figcaption').first()).toContainText('自制示意插图');
  await expect(page.getByText('示例内容：本故事中的人物和情节均为虚构。')).toBeVisible();
  await expect(page.getByRole('region', { name: '相关健康知识' }).locator('.card')).not.toHaveCount(0);
  const og = await page.locator('meta[property="og:image"]').getAttribute('content');
  expect(og).toMatch(/\/_astro\/chen-family-less-sugar-1\..*\.jpg$/);
  const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(ld['@type']).toBe('Article');
  expect(ld.headline).toBe('陈家');
  // English pages keep the Chinese alt text and say which language it is.
  await page.goto('/en/families/chen-family-less-sugar/');
  await expect(page.locator('.family-photo img').first()).toHaveAttribute('lang', 'zh-Hans');
});

for (const size of ['standard', 'extra'] as const) {
  test(`axe: gallery, a year page and a family page (${size})`, async ({ page }) => {
    test.setTimeout(120_000);
    if (size === 'extra') await page.addInitScript(() => localStorage.setItem('hc:size', 'extra'));
    for (const url of ['/families/', '/families/year/2025/', '/families/lao-zhou-morning-walk/', '/yue/families/']) {
      await page.goto(url);
      const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      expect(violations.map((v) => `${url}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual(
        [],
      );
    }
  });
}
