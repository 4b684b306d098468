/**
 * Sharing an event: the share button's copy fallback, the A4 poster (one printed page), the .ics download,
 * the feeds page, Open Graph tags and image, JSON-LD status, status banners, and axe on the new pages.
 */
import { readdirSync } from 'node:fs';
import { axeViolations } from './axe.ts';
import { expect, test, type Page } from '@playwright/test';
import { SAMPLE } from '../helpers/sample.ts';
// This spec uses the sample content's articles, events, families and quizzes by name: it runs while content/ is
// the sample (tests/helpers/sample.ts); the specs that pick their pages from the build run on any content.
test.skip(!SAMPLE, 'uses the sample content by name');

const EVENT = '/events/baduanjin-saturday/';
const CANONICAL = 'https://health.example.org/events/baduanjin-saturday/';

/** Pages in a PDF: /Type /Page objects (not /Pages, the tree). */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;

async function jsonLd(page: Page): Promise<Record<string, unknown>> {
  const raw = await page.locator('script[type="application/ld+json"]').textContent();
  return JSON.parse(raw ?? '');
}

test.describe('share button', () => {
  test('without Web Share, copies the link and says so in a live region', async ({ page }) => {
    await page.addInitScript(() => {
      delete (Navigator.prototype as { share?: unknown }).share;
      delete (Navigator.prototype as { canShare?: unknown }).canShare;
      Object.defineProperty(navigator, 'clipboard', {
        configurable: true,
        value: {
          writeText: async (t: string) => {
            (window as unknown as { copied: string }).copied = t;
          },
        },
      });
    });
    await page.goto(EVENT);
    const status = page.locator('[data-share-status]');
    await expect(status).toHaveAttribute('role', 'status');
    await page.getByRole('button', { name: '分享给邻居' }).click();
    await expect(status).toBeVisible();
    await expect(status).toHaveText('链接已复制，可以粘贴到微信群里。');
    expect(await page.evaluate(() => (window as unknown as { copied: string }).copied)).toBe(CANONICAL);
  });

  test('with Web Share, opens the share sheet with the canonical URL', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'share', {
        configurable: true,
        value: async (d: unknown) => {
          (window as unknown as { shared: unknown }).shared = d;
        },
      });
    });
    await page.goto('/en/events/baduanjin-saturday/');
    await page.getByRole('button', { name: 'Share with neighbours' }).click();
    await expect(page.locator('[data-share-status]')).toHaveText('Sharing opened.');
    expect(await page.evaluate(() => (window as unknown as { shared: { url: string } }).shared.url)).toBe(
      'https://health.example.org/en/events/baduanjin-saturday/',
    );
  });

  test('without JavaScript, the button stays hidden and the link and QR code are there', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(EVENT);
    await expect(page.locator('[data-share-button]')).toBeHidden();
    await expect(page.getByRole('link', { name: CANONICAL })).toHaveAttribute('href', CANONICAL);
    await expect(page.locator('[data-share-url]')).toHaveText(CANONICAL);
    await expect(page.getByRole('img', { name: /二维码/ })).toBeVisible();
    await expect(page.getByRole('link', { name: '加入手机日历' })).toBeVisible();
    await context.close();
  });
});

test('the .ics link downloads a calendar served as text/calendar', async ({ page }) => {
  await page.goto(EVENT);
  const link = page.getByRole('link', { name: '加入手机日历' });
  await expect(link).toHaveAttribute('href', '/events/baduanjin-saturday.ics');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toBe('baduanjin-saturday.ics');
  const text = await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8');
  expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(text).toContain('UID:baduanjin-saturday@health.example.org');
  expect(text).toContain('DTSTART;TZID=Asia/Shanghai:20261128T080000');
  const res = await page.request.get('/events/feeds/elders.ics');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toMatch(/^text\/calendar/);
});

test('the feeds page lists all events and each audience, with webcal links', async ({ page }) => {
  await page.goto('/events/feeds/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('订阅活动日历');
  await expect(page.locator('#feed-all a[href^="webcal://"]')).toHaveAttribute(
    'href',
    'webcal://health.example.org/events/feeds/all.ics',
  );
  await expect(page.locator('#feed-elders a[download]')).toHaveAttribute('href', '/events/feeds/elders.ics');
  for (const href of await page.locator('a[download]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))) {
    expect((await page.request.get(href)).status(), href).toBe(200);
  }
});

test.describe('status', () => {
  test('a cancelled event keeps its page with a text banner and EventCancelled in JSON-LD', async ({ page }) => {
    await page.goto('/events/mini-marathon-winter/');
    const banner = page.locator('[data-event-status="cancelled"]');
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('活动已取消');
    const ld = await jsonLd(page);
    expect(ld['@type']).toBe('Event');
    expect(ld.eventStatus).toBe('https://schema.org/EventCancelled');
    expect(ld.startDate).toBe('2026-12-27T09:00:00+08:00');
    expect(ld).toMatchObject({
      location: { '@type': 'Place', address: { '@type': 'PostalAddress' } },
      organizer: { '@type': 'Organization' },
    });
  });

  test('a scheduled series and a moved event have the matching eventStatus', async ({ page }) => {
    await page.goto(EVENT);
    expect((await jsonLd(page)).eventStatus).toBe('https://schema.org/EventScheduled');
    await page.goto('/events/carers-home-rehab-salon/');
    expect((await jsonLd(page)).eventStatus).toBe('https://schema.org/EventRescheduled');
    await expect(page.locator('[data-event-status="moved"]')).toBeVisible();
  });
});

test('Open Graph and Twitter tags point to a 1200×630 PNG made for the event', async ({ page }) => {
  await page.goto('/en/events/mini-marathon-winter/');
  const og = await page.locator('meta[property="og:image"]').getAttribute('content');
  expect(og).toBe('https://health.example.org/events/mini-marathon-winter/og.png');
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image');
  const res = await page.request.get(new URL(og!).pathname);
  expect(res.headers()['content-type']).toBe('image/png');
  const png = await res.body();
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
});

test.describe('poster', () => {
  test('prints on exactly one A4 page, without the site around it, for every event', async ({ page }) => {
    test.setTimeout(180_000);
    // Every event, past ones included: one .ics per event sits next to its page in dist/.
    const slugs = readdirSync('dist/events')
      .filter((f) => f.endsWith('.ics'))
      .map((f) => f.slice(0, -4));
    expect(slugs.length).toBeGreaterThan(10);
    await page.emulateMedia({ media: 'print' });
    for (const prefix of ['', '/en']) {
      for (const slug of slugs) {
        await page.goto(`${prefix}/events/${slug}/poster/`);
        await expect(page.locator('.site-header')).toBeHidden();
        await expect(page.locator('[data-poster] .qr svg')).toBeVisible();
        const pdf = await page.pdf({ format: 'A4' });
        expect(pdfPages(pdf), `${prefix}/events/${slug}/poster/`).toBe(1);
      }
    }
  });

  test('still one page when the reader chose extra-large text', async ({ page }) => {
    await page.goto('/events/monthly-bp-glucose-screening/poster/');
    await page.evaluate(() => document.documentElement.setAttribute('data-size', 'extra'));
    await page.emulateMedia({ media: 'print' });
    expect(pdfPages(await page.pdf({ format: 'A4' }))).toBe(1);
  });

  test('has title, time, place, sign-up, access notes and the QR code with a text alternative', async ({ page }) => {
    await page.goto('/events/baduanjin-saturday/poster/');
    const poster = page.locator('[data-poster]');
    await expect(poster.getByRole('heading', { level: 1 })).toHaveText('周六八段锦晨练班');
    for (const label of ['时间', '地点', '怎么报名', '无障碍'])
      await expect(poster.locator('dt', { hasText: label })).toBeVisible();
    await expect(poster.getByRole('img', { name: new RegExp(CANONICAL.replace(/[.]/g, '\\.')) })).toBeVisible();
  });
});

for (const url of [
  EVENT,
  '/events/mini-marathon-winter/',
  '/en/events/carers-home-rehab-salon/',
  '/events/baduanjin-saturday/poster/',
  '/yue/events/mini-marathon-winter/poster/',
  '/events/feeds/',
  '/en/events/feeds/',
]) {
  test(`axe: ${url}`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(url);
    const failures = await axeViolations(page, url);
    const width = await page.evaluate(() => {
      document.documentElement.removeAttribute('data-size');
      return document.documentElement.scrollWidth;
    });
    expect(failures).toEqual([]);
    expect(width).toBeLessThanOrEqual(360);
  });
}
