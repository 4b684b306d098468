/**
 * Offline benchmark over the built site (run `astro build` first):
 *   - precache: files, raw bytes and gzip bytes (what a first visit downloads for offline use);
 *   - sw.js and pwa.js, gzip;
 *   - time to first contentful paint of a saved article opened offline in Chromium (median of RUNS).
 *
 *   npm run bench:pwa            (env: DIST=dist, BENCH_PORT=free port, RUNS=9, ARTICLE=/articles/fall-prevention-at-home/)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { getManifest } from 'workbox-build';
import { chromium } from '@playwright/test';
import { precacheGlobs } from '../../src/pwa/index.ts';
import { CHROMIUM, serve } from './measure.mjs';

const dist = path.resolve(process.env.DIST ?? 'dist');
const port = Number(process.env.BENCH_PORT ?? 0);
const runs = Number(process.env.RUNS ?? 9);
const article = process.env.ARTICLE ?? '/articles/fall-prevention-at-home/';
const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

const { manifestEntries, size } = await getManifest({ globDirectory: dist, globPatterns: precacheGlobs(dist), globIgnores: ['sw.js'], maximumFileSizeToCacheInBytes: 3 * 1024 * 1024 });
const gzipTotal = manifestEntries.reduce((n, e) => n + gz(path.join(dist, e.url)), 0);
console.log(`precache: ${manifestEntries.length} files, ${kb(size)} raw, ${kb(gzipTotal)} gzip`);
console.log(`sw.js: ${kb(gz(path.join(dist, 'sw.js')))} gzip; pwa.js (loaded after load): ${kb(gz(path.join(dist, 'pwa.js')))} gzip`);

const server = await serve(dist, port);
const base = server.origin;
try {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  const context = await browser.newContext({ serviceWorkers: 'allow', viewport: { width: 360, height: 780 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${base}${article}`);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
  await page.locator('[data-save-go]').click();
  await page.locator('[data-save-remove]').waitFor({ state: 'visible', timeout: 60_000 });
  await context.setOffline(true);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const p = await context.newPage();
    await p.goto(`${base}${article}`);
    times.push(await p.evaluate(() => new Promise((resolve) => {
      const seen = performance.getEntriesByName('first-contentful-paint')[0];
      if (seen) return resolve(seen.startTime);
      new PerformanceObserver((l) => resolve(l.getEntries()[0].startTime)).observe({ type: 'paint', buffered: true });
    })));
    const offlinePage = await p.locator('[data-offline-page]').count();
    if (offlinePage) {
      console.error(await p.evaluate(async () => ({ keys: (await (await caches.open('hc-saved-v1')).keys()).map((r) => r.url).slice(0, 5), saved: localStorage.getItem('hc:offline-saved')?.slice(0, 200), url: location.href })));
      throw new Error('the saved article was not served offline');
    }
    await p.close();
  }
  times.sort((a, b) => a - b);
  console.log(`saved article offline (${article}): first contentful paint median ${times[Math.floor(times.length / 2)].toFixed(0)} ms over ${runs} runs (min ${times[0].toFixed(0)}, max ${times.at(-1).toFixed(0)})`);
  await browser.close();
} finally {
  await server.close();
}
