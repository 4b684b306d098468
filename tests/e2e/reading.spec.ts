/**
 * A resident reading on a 360 px phone with JavaScript off: pick "I am an elder", browse every audience and
 * topic, read an article in all four locales, see upcoming events and families.
 */
import { expect, test, type Page } from '@playwright/test';
import { SAMPLE } from '../helpers/sample.ts';
// This spec uses the sample content's articles, events, families and quizzes by name: it runs while content/ is
// the sample (tests/helpers/sample.ts); the specs that pick their pages from the build run on any content.
test.skip(!SAMPLE, 'uses the sample content by name');

test.use({ javaScriptEnabled: false });

async function noHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}

test('an elder picks their group, reads an article, and switches language on the same page', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('h1')).toHaveText('健康社区');
  await noHorizontalScroll(page);
  await page.getByRole('region', { name: '我是……' }).getByRole('link', { name: '老年人' }).click();
  await expect(page).toHaveURL(/\/audiences\/elders\/$/);
  await expect(page.locator('h1')).toHaveText('老年人');
  await noHorizontalScroll(page);

  await page.locator('a[href="/articles/fall-prevention-at-home/"]').first().click();
  await expect(page).toHaveURL(/\/articles\/fall-prevention-at-home\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const review = page.getByRole('region', { name: '内容审核' });
  await expect(review).toContainText('审核人');
  await expect(review).toContainText('下次审核');
  await expect(page.getByRole('region', { name: '参考资料' }).locator('li').first()).toBeVisible();
  await noHorizontalScroll(page);

  const languages = page.getByRole('navigation', { name: '语言' });
  await languages.getByRole('link', { name: '粵語' }).click();
  await expect(page).toHaveURL(/\/yue\/articles\/fall-prevention-at-home\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'yue-Hant');
  await expect(page.locator('[data-translation-notice]')).toHaveCount(0);

  await page.getByRole('navigation', { name: '語言' }).getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/en\/articles\/fall-prevention-at-home\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('region', { name: 'Review' })).toContainText('Next review due');

  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: '繁體中文' }).click();
  await expect(page).toHaveURL(/\/zh-hant\/articles\/fall-prevention-at-home\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
});

test('every audience hub and topic hub is reachable and lists articles', async ({ page }) => {
  for (const list of ['/audiences/', '/topics/']) {
    await page.goto(list);
    const hrefs = await page
      .locator('main .card h2 a')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
    expect(hrefs.length).toBeGreaterThanOrEqual(list === '/audiences/' ? 6 : 10);
    for (const href of hrefs) {
      await page.goto(href);
      await expect(page.locator('h1')).not.toBeEmpty();
      expect(await page.locator('main .card').count(), href).toBeGreaterThanOrEqual(3);
      await noHorizontalScroll(page);
    }
  }
});

test('translations are labelled: converted Traditional, Cantonese fallback, English fallback', async ({ page }) => {
  // An article with no human translation.
  await page.goto('/zh-hant/articles/diabetes-daily-care/');
  await expect(page.locator('[data-translation-notice="converted"]')).toContainText('自動轉換');
  await page.goto('/yue/articles/diabetes-daily-care/');
  await expect(page.locator('[data-translation-notice="converted"]')).toBeVisible();
  await page.goto('/en/articles/diabetes-daily-care/');
  await expect(page.locator('[data-translation-notice="fallback"]')).toContainText('not yet available in English');
  await expect(page.locator('#article-title')).toHaveAttribute('lang', 'zh-Hans');
  // A human translation says who translated it and carries no notice.
  await page.goto('/en/articles/home-blood-pressure/');
  await expect(page.locator('[data-translation-notice]')).toHaveCount(0);
  await expect(page.locator('h1')).toHaveText('Why measure your blood pressure at home?');
  await expect(page.getByText('Translated by')).toBeVisible();
});

// An article past its review date says so: tests/site/preview.test.ts (a tiny dataset with an overdue
// article; the sample content has none since its re-review on 2026-12-05).

test('upcoming events and an event page, including a cancelled one', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('region', { name: '近期活动' }).locator('.card')).toHaveCount(3);
  await page.getByRole('link', { name: '查看全部活动' }).click();
  await expect(page).toHaveURL(/\/events\/$/);
  expect(await page.locator('.day-group').count()).toBeGreaterThan(10);
  await noHorizontalScroll(page);
  await page.locator('.event-card h3 a').first().click();
  await expect(page.getByText('报名方式')).toBeVisible();
  await noHorizontalScroll(page);

  await page.goto('/events/mini-marathon-winter/');
  await expect(page.locator('[data-event-status="cancelled"]')).toContainText('本活动已取消');

  await page.goto('/events/taiji-tue-thu-morning/');
  await expect(page.getByRole('region', { name: '接下来的日期' }).locator('li')).toHaveCount(8);
});

test('families: list and a story that says it is fictional', async ({ page }) => {
  await page.goto('/families/');
  expect(await page.locator('main .card').count()).toBeGreaterThanOrEqual(6);
  await noHorizontalScroll(page);
  await page.locator('main .card .h3 a').first().click();
  await expect(page.getByText('示例内容：本故事中的人物和情节均为虚构。')).toBeVisible();
  await expect(page.getByText('坚持的好习惯')).toBeVisible();
  await noHorizontalScroll(page);
});

test('the footer shows the emergency numbers as phone links', async ({ page }) => {
  await page.goto('/topics/');
  const footer = page.getByRole('contentinfo');
  for (const n of ['120', '110', '119']) await expect(footer.locator(`a[href="tel:${n}"]`)).toBeVisible();
});

test('an unknown address shows the not-found page with status 404', async ({ page }) => {
  const res = await page.goto('/no-such-page/');
  expect(res?.status()).toBe(404);
  await expect(page.locator('h1')).toHaveText('找不到这个页面');
  await expect(page.getByRole('link', { name: '回到首页' })).toBeVisible();
});

test('nothing overflows at 320 px', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 700 });
  for (const url of [
    '/',
    '/en/',
    '/audiences/elders/',
    '/articles/stroke-be-fast/',
    '/yue/events/',
    '/events/taiji-tue-thu-morning/',
    '/families/',
  ]) {
    await page.goto(url);
    await noHorizontalScroll(page);
  }
});
