/**
 * The event calendar (issue 4): filters without and with JavaScript, the month grid (today, weekly series,
 * a cancelled occurrence, navigation), the archive, 重阳 on its day, 320 px at the extra size, and axe.
 * The build is pinned to BUILD_NOW=2026-11-22T09:00+08:00 (a Sunday), so "today" is 2026-11-22.
 */
import { expect, test, type Page } from '@playwright/test';
import { READING_MODES, axeViolations } from './axe.ts';
import { SAMPLE } from '../helpers/sample.ts';
// This spec uses the sample content's articles, events, families and quizzes by name: it runs while content/ is
// the sample (tests/helpers/sample.ts); the specs that pick their pages from the build run on any content.
test.skip(!SAMPLE, 'uses the sample content by name');

const TODAY = '2026-11-22';

async function withSize(page: Page, size: 'standard' | 'extra'): Promise<void> {
  if (size === 'extra') await page.addInitScript(() => localStorage.setItem('hc:size', 'extra'));
}

/** data-* of the event items a reader can see. */
async function visibleItems(page: Page) {
  return page.locator('[data-filter-list] li[data-kind="event"]:visible').evaluateAll((els) =>
    els.map((el) => ({
      for: (el as HTMLElement).dataset.for ?? '',
      type: (el as HTMLElement).dataset.type ?? '',
      topic: (el as HTMLElement).dataset.topic ?? '',
    })),
  );
}

test.describe('filters without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('each filter is a link to a pre-rendered page that lists only its events', async ({ page }) => {
    await page.goto('/events/');
    const all = (await visibleItems(page)).length;
    expect(all).toBeGreaterThan(20);
    await page.locator('.cal-filters summary').click();
    await page.getByRole('link', { name: '老年人', exact: true }).click();
    await expect(page).toHaveURL(/\/events\/for\/elders\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('老年人');
    await expect(page.locator('a.cal-filter[aria-current="page"]')).toHaveText('老年人');
    const elders = await visibleItems(page);
    expect(elders.length).toBeGreaterThan(0);
    expect(elders.length).toBeLessThan(all);
    for (const i of elders) expect(i.for.split(' ')).toContain('elders');
    await expect(page.locator('[data-filter-count]')).toHaveText(`共 ${elders.length} 场活动`);

    await page.goto('/events/type/screening/');
    const screenings = await visibleItems(page);
    expect(screenings.length).toBeGreaterThan(0);
    for (const i of screenings) expect(i.type).toBe('screening');

    await page.goto('/en/events/topic/exercise/');
    const exercise = await visibleItems(page);
    for (const i of exercise) expect(i.topic.split(' ')).toContain('exercise');
    await expect(page.locator('[data-filter-count]')).toHaveText(`${exercise.length} events`);
    await page.getByRole('link', { name: 'All events', exact: true }).click();
    await expect(page).toHaveURL(/\/en\/events\/$/);
  });
});

test.describe('filters with JavaScript', () => {
  test('filter in place, update the address without a request, announce the count, and go back', async ({ page }) => {
    await page.goto('/events/');
    const all = (await visibleItems(page)).length;
    const documents: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'document') documents.push(r.url());
    });
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 42;
    });
    await page.locator('.cal-filters summary').click();
    await page.getByRole('link', { name: '健康筛查', exact: true }).click();
    await expect(page).toHaveURL(/\/events\/\?type=screening$/);
    const screenings = await visibleItems(page);
    expect(screenings.length).toBeGreaterThan(0);
    expect(screenings.length).toBeLessThan(all);
    for (const i of screenings) expect(i.type).toBe('screening');
    const status = page.locator('[data-filter-count]');
    await expect(status).toHaveAttribute('role', 'status');
    await expect(status).toHaveText(`共 ${screenings.length} 场活动`);
    await expect(page.locator('a[data-filter="type:screening"]')).toHaveAttribute('aria-current', 'true');
    // Days with nothing left are hidden; today stays.
    for (const day of await page.locator('[data-day]:visible').all()) {
      const isToday = (await day.getAttribute('data-day')) === TODAY;
      if (!isToday) expect(await day.locator('li[data-kind]:visible').count()).toBeGreaterThan(0);
    }

    await page.getByRole('link', { name: '老年人', exact: true }).click();
    await expect(page).toHaveURL(/\?for=elders$/);
    for (const i of await visibleItems(page)) expect(i.for.split(' ')).toContain('elders');
    await expect(page.locator('a[data-filter="type:screening"]')).not.toHaveAttribute('aria-current', /.*/);
    await expect(page.locator('a.cal-filter[aria-current]')).toHaveText(['老年人']);

    await page.goBack();
    await expect(page).toHaveURL(/\?type=screening$/);
    expect((await visibleItems(page)).length).toBe(screenings.length);
    await page.getByRole('link', { name: '全部活动', exact: true }).click();
    await expect(page).toHaveURL(/\/events\/$/);
    expect((await visibleItems(page)).length).toBe(all);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    expect(documents).toEqual([]);
  });

  test('a shared ?type= address opens already filtered, and a filter page can switch in place', async ({ page }) => {
    await page.goto('/events/?type=exercise');
    for (const i of await visibleItems(page)) expect(i.type).toBe('exercise');
    await expect(page.locator('a[data-filter="type:exercise"]')).toHaveAttribute('aria-current', 'true');
    await page.goto('/events/for/children/');
    await page.getByRole('link', { name: '健康讲座', exact: true }).click();
    await expect(page).toHaveURL(/\/events\/\?type=lecture$/);
    for (const i of await visibleItems(page)) expect(i.type).toBe('lecture');
  });
});

test('the list marks today', async ({ page }) => {
  await page.goto('/events/');
  const today = page.locator(`[data-day="${TODAY}"]`);
  await expect(today).toBeVisible();
  await expect(today.getByRole('heading')).toContainText('今天');
  await expect(page.getByRole('link', { name: '按月查看日历', exact: true })).toHaveAttribute(
    'href',
    '/events/calendar/2026-11/',
  );
  await expect(page.getByRole('link', { name: '往期活动', exact: true })).toHaveAttribute('href', '/events/archive/');
});

test('the month grid: today, every week of a weekly series, a cancelled occurrence labelled, navigation', async ({
  page,
}) => {
  await page.goto('/events/calendar/2026-11/');
  const today = page.locator('li.cal-day[data-today]');
  await expect(today).toHaveCount(1);
  await expect(today).toHaveAttribute('data-date', TODAY);
  await expect(today).toContainText('今天');

  await page.getByRole('link', { name: /下个月/ }).click();
  await expect(page).toHaveURL(/\/events\/calendar\/2026-12\/$/);
  await expect(page.locator('li.cal-day[data-today]')).toHaveCount(0);
  // 八段锦 every Saturday, 太极拳 every Tuesday and Thursday of December 2026.
  const dates = (slug: string) =>
    page
      .locator(`li.cal-ev[data-event="${slug}"]`)
      .evaluateAll((els) => els.map((el) => el.closest('li.cal-day')!.getAttribute('data-date')));
  expect(await dates('baduanjin-saturday')).toEqual(['2026-12-05', '2026-12-12', '2026-12-19', '2026-12-26']);
  expect(await dates('taiji-tue-thu-morning')).toEqual(
    ['01', '03', '08', '10', '15', '17', '22', '24', '29', '31'].map((d) => `2026-12-${d}`),
  );
  const cancelled = page.locator('li.cal-ev[data-event="mini-marathon-winter"]');
  await expect(cancelled).toContainText('本活动已取消');
  expect(await cancelled.evaluate((el) => el.closest('li.cal-day')!.getAttribute('data-date'))).toBe('2026-12-27');
  const moved = page.locator('li.cal-ev[data-event="carers-home-rehab-salon"]');
  await expect(moved).toContainText('时间或地点有变');

  await page.goto('/events/calendar/2027-01/');
  expect(await dates('baduanjin-saturday')).toEqual(['2027-01-09', '2027-01-16', '2027-01-23', '2027-01-30']); // 2 Jan is skipped
  await expect(page.locator('li.cal-ev[data-event="monthly-bp-glucose-screening"]')).toContainText('本次改期或换地点');
  await page.getByRole('link', { name: /上个月/ }).click();
  await expect(page).toHaveURL(/\/events\/calendar\/2026-12\/$/);

  // From last month to six months ahead, and no further.
  await page.goto('/events/calendar/2026-10/');
  await expect(page.locator('[data-month-prev]')).toHaveCount(0);
  await page.goto('/events/calendar/2027-05/');
  await expect(page.locator('[data-month-next]')).toHaveCount(0);
  expect((await page.request.get('/events/calendar/2027-06/')).status()).toBe(404);
});

test("重阳节 is on 18 October 2026, linked to its topic, next to the day's clinic", async ({ page }) => {
  await page.goto('/events/calendar/2026-10/');
  const days = await page
    .locator('li.cal-obs[data-observance="double-ninth"]')
    .evaluateAll((els) => els.map((el) => el.closest('li.cal-day')!.getAttribute('data-date')));
  expect(days).toEqual(['2026-10-18']);
  const day = page.locator('#d-2026-10-18');
  await expect(day).toContainText('重阳节');
  await expect(day.getByRole('link', { name: '科学运动', exact: true })).toHaveAttribute('href', '/topics/exercise/');
  await expect(day.locator('li.cal-ev[data-event="double-ninth-elders-clinic-2026"]')).toBeVisible();
  await page.goto('/en/events/calendar/2026-10/');
  await expect(page.locator('#d-2026-10-18')).toContainText('Double Ninth Festival');
});

test('the archive lists past events, newest first, and no upcoming ones', async ({ page }) => {
  await page.goto('/events/');
  await page.getByRole('link', { name: '往期活动', exact: true }).click();
  await expect(page).toHaveURL(/\/events\/archive\/$/);
  const links = await page.locator('.cal-archive h3 a').evaluateAll((els) => els.map((a) => a.getAttribute('href')));
  expect(links).toEqual(['/events/lecture-world-diabetes-day-2026/', '/events/double-ninth-elders-clinic-2026/']);
  await page.goto('/events/');
  await expect(page.locator('a[href="/events/lecture-world-diabetes-day-2026/"]')).toHaveCount(0);
});

const PAGES = [
  '/events/',
  '/events/for/elders/',
  '/events/calendar/2026-11/',
  '/events/calendar/2026-12/',
  '/events/archive/',
  '/yue/events/calendar/2026-10/',
  '/en/events/type/screening/',
];

for (const size of ['standard', 'extra'] as const) {
  test(`${size}: no horizontal scrolling at 320 px on the calendar pages`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await withSize(page, size);
    for (const url of PAGES) {
      await page.goto(url);
      const filters = page.locator('.cal-filters');
      if (await filters.count()) await filters.evaluate((el) => el.setAttribute('open', ''));
      const over = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll('body *')].filter(
          (el) => el.getBoundingClientRect().right > width + 1 && getComputedStyle(el).position !== 'absolute',
        );
        return {
          scroll: document.documentElement.scrollWidth,
          width,
          wide: wide.slice(0, 3).map((el) => `${el.tagName}.${el.className}`),
        };
      });
      expect(over.scroll, `${url} scrolls sideways: ${over.wide.join(', ')}`).toBeLessThanOrEqual(over.width);
      expect(over.wide, url).toEqual([]);
      // Every control stays a big target.
      const small = await page
        .locator(
          '.cal-filter:visible, .cal-ev a:visible, .cal-obs a:visible, .cal-views a:visible, .month-nav a:visible, .cal-filters summary',
        )
        .evaluateAll(
          (els, min) =>
            els
              .map((el) => ({ el, r: el.getBoundingClientRect() }))
              .filter(({ r }) => r.width > 0 && r.height < min - 0.5)
              .map(({ el }) => (el.textContent ?? '').trim().slice(0, 12)),
          size === 'extra' ? 60 : 44,
        );
      expect(small, `${url} small targets`).toEqual([]);
    }
  });

  for (const url of PAGES) {
    test(`${size}: axe finds nothing on ${url}`, async ({ page }) => {
      test.setTimeout(120_000);
      await withSize(page, size);
      const viewports = size === 'standard' && url.includes('/calendar/') ? [360, 1280] : [360];
      for (const width of viewports) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(url);
        const filters = page.locator('.cal-filters');
        if (await filters.count()) await filters.evaluate((el) => el.setAttribute('open', ''));
        const attrs: Record<string, string> = size === 'standard' ? {} : { 'data-size': size };
        const mode = { name: size, attrs, enhanced: false };
        expect(await axeViolations(page, `${url} at ${width}px`, [mode])).toEqual([]);
      }
    });
  }
}

for (const url of [
  '/events/?for=elders',
  '/events/calendar/2026-11/',
  '/events/calendar/2026-12/',
  '/events/archive/',
  '/en/events/topic/exercise/',
]) {
  test(`high contrast (with the enhanced 7:1 contrast rule): axe finds nothing on ${url}`, async ({ page }) => {
    test.setTimeout(150_000);
    await page.addInitScript(() => localStorage.setItem('hc:contrast', '1'));
    for (const width of url.includes('/calendar/') ? [360, 1280] : [360]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(url);
      await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
      const highContrast = READING_MODES.filter((m) => m.enhanced);
      expect(await axeViolations(page, `${url} at ${width}px`, highContrast)).toEqual([]);
    }
  });
}
