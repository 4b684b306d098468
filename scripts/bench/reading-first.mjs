/**
 * Reading first (issue 16): where what the reader came for starts on a 360 × 800 phone, per text size and in
 * high contrast. Prints, per page, the top (px from the top of the page) of the first body paragraph of an
 * article, an event's date line and a self-check's first question, and on 健康积分 the 领取 button (no card yet)
 * and the card's QR (a card stored on the phone: its bottom too, which must be on the first screen), plus the
 * header's height.
 * Run `astro build` first.
 *   node scripts/bench/reading-first.mjs      (env: DIST=dist, BENCH_PORT=4502)
 */
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM, serve } from './measure.mjs';

const dist = path.resolve(process.env.DIST ?? 'dist');
const port = Number(process.env.BENCH_PORT ?? 4502);
const PAGES = [
  ['/articles/home-blood-pressure/', '.prose p'],
  ['/articles/fall-prevention-at-home/', '.prose p'],
  ['/yue/articles/home-blood-pressure/', '.prose p'],
  ['/events/lecture-hypertension-self-management/', '.event-when'],
  ['/self-check/fall-risk/', '.quiz-question, [data-quiz-start]'],
  ['/points/', '[data-card-new]'],
  ['/points/', '[data-card-qr] svg', { token: 'bench-card-token-0000000000', number: '1234567894' }],
];
const MODES = [
  ['标准', null, false],
  ['大字', 'large', false],
  ['特大', 'extra', false],
  ['标准+高对比', null, true],
  ['特大+高对比', 'extra', true],
];

const server = await serve(dist, port);
try {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const rows = [];
  for (const [mode, size, contrast] of MODES) {
    const context = await browser.newContext({
      serviceWorkers: 'block',
      viewport: { width: 360, height: 800 },
      locale: 'zh-CN',
      deviceScaleFactor: 1,
    });
    await context.addInitScript(
      ([s, c]) => {
        if (s) localStorage.setItem('hc:size', s);
        if (c) localStorage.setItem('hc:contrast', '1');
      },
      [size, contrast],
    );
    const page = await context.newPage();
    for (const [url, selector, card] of PAGES) {
      await page.goto(`${server.origin}/404.html`);
      await page.evaluate((c) => {
        if (c) localStorage.setItem('hc:points-card', JSON.stringify(c));
        else localStorage.removeItem('hc:points-card');
      }, card ?? null);
      await page.goto(`${server.origin}${url}`);
      const el = page.locator(selector).first();
      await el.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {});
      const [y, bottom] = await el
        .evaluate((e) => {
          const r = e.getBoundingClientRect();
          return [Math.round(r.top + window.scrollY), Math.round(r.bottom + window.scrollY)];
        })
        .catch(() => [NaN, NaN]);
      const header = await page.locator('.site-header').evaluate((e) => Math.round(e.getBoundingClientRect().height));
      const sw = await page.evaluate(() => document.documentElement.scrollWidth);
      rows.push({
        mode,
        url: card ? `${url} (card: QR top–bottom)` : url,
        y: card ? `${y}–${bottom}` : y,
        header,
        scrollWidth: sw,
      });
    }
    await context.close();
  }
  await browser.close();
  console.log('mode\tpage\tfirst-content-y\theader-h\tscrollWidth');
  for (const r of rows) console.log(`${r.mode}\t${r.url}\t${r.y}\t${r.header}\t${r.scrollWidth}`);
} finally {
  await server.close();
}
