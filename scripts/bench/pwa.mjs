/**
 * Offline benchmark over the built site (run `astro build` first):
 *   - the precache of each locale (what the service worker installs for a reader of that locale);
 *   - the first visit: one page (FIRST, default /) opened once in Chromium until the service worker is active,
 *     its precache installed and pwa.js loaded — every file the server sent (the page's and the worker's
 *     requests alike), in gzip bytes (level 9, what a CDN sends; pictures as they are) by kind;
 *   - time to first contentful paint of a saved article opened offline in Chromium (median of RUNS).
 *
 *   npm run bench:pwa      (env: DIST=dist, FIRST=/, RUNS=9, ARTICLE=/articles/fall-prevention-at-home/)
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { precacheManifest } from '../../src/pwa/index.ts';
import { entriesFor, OFFLINE_LOCALES } from '../../src/lib/offline/names.ts';
import { createStaticServer } from '../serve.mjs';
import { CHROMIUM } from './measure.mjs';

const dist = path.resolve(process.env.DIST ?? 'dist');
const first = process.env.FIRST ?? '/';
const runs = Number(process.env.RUNS ?? 9);
const article = process.env.ARTICLE ?? '/articles/fall-prevention-at-home/';
const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
const COMPRESSIBLE = /\.(html|css|js|mjs|json|svg|webmanifest|xml|txt|ics)$/;

/** The file the static server sends for a URL path (index.html for directories, 404.html for unknown paths). */
function fileFor(urlPath) {
  const p = decodeURIComponent(urlPath.split('?')[0]);
  let file = path.join(dist, p);
  if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
  return existsSync(file) && statSync(file).isFile() ? file : path.join(dist, '404.html');
}
const sent = (file) =>
  COMPRESSIBLE.test(file) ? gzipSync(readFileSync(file), { level: 9 }).length : statSync(file).size;
function kindOf(urlPath, file) {
  if (urlPath.startsWith('/search-index/') || urlPath.startsWith('/pagefind/')) return 'index';
  if (file.endsWith('.html')) return 'HTML';
  if (file.endsWith('.css')) return 'CSS';
  if (/\.m?js$/.test(file)) return 'JS';
  if (/\.(png|jpe?g|webp|avif|gif|svg|ico)$/.test(file)) return 'images';
  return 'other';
}

const { manifest } = await precacheManifest(dist);
for (const locale of OFFLINE_LOCALES) {
  const entries = entriesFor(manifest, locale);
  const gz = entries.reduce((n, e) => n + sent(path.join(dist, e.url)), 0);
  console.log(`precache ${locale.padEnd(7)}: ${String(entries.length).padStart(3)} files, ${kb(gz)} gzip`);
}
console.log(
  `sw.js: ${kb(sent(path.join(dist, 'sw.js')))} gzip; pwa.js (loaded after load): ${kb(sent(path.join(dist, 'pwa.js')))} gzip`,
);

const server = createStaticServer(dist);
const log = [];
let last = Date.now();
server.on('request', (req) => {
  log.push(req.url ?? '/');
  last = Date.now();
});
await new Promise((resolve) => server.listen(Number(process.env.BENCH_PORT ?? 0), '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  // First visit, on a phone-sized screen.
  const context = await browser.newContext({
    serviceWorkers: 'allow',
    viewport: { width: 360, height: 780 },
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  await page.goto(`${base}${first}`, { waitUntil: 'load' });
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    return reg.active?.state;
  });
  // Until the network has been quiet for 2 s (pwa.js and anything it starts included).
  while (Date.now() - last < 2000) await new Promise((r) => setTimeout(r, 250));
  const byKind = new Map();
  let total = 0;
  for (const url of log) {
    const file = fileFor(url);
    const bytes = sent(file);
    const kind = kindOf(url, file);
    const k = byKind.get(kind) ?? { files: 0, bytes: 0 };
    byKind.set(kind, { files: k.files + 1, bytes: k.bytes + bytes });
    total += bytes;
  }
  console.log(`\nfirst visit of ${first} with the service worker installed: ${log.length} requests, ${kb(total)} gzip`);
  for (const kind of ['HTML', 'CSS', 'JS', 'images', 'index', 'other']) {
    const k = byKind.get(kind) ?? { files: 0, bytes: 0 };
    console.log(`  ${kind.padEnd(7)} ${String(k.files).padStart(3)} files ${kb(k.bytes).padStart(9)}`);
  }
  if (process.env.VERBOSE) for (const url of log) console.log(`    ${url}`);
  await context.close();

  // A saved article, read offline.
  const ctx = await browser.newContext({
    serviceWorkers: 'allow',
    viewport: { width: 360, height: 780 },
    locale: 'zh-CN',
  });
  const reader = await ctx.newPage();
  await reader.goto(`${base}${article}`);
  await reader.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
  // The save box is folded behind the button that controls it (保存到手机 in an article's reading tools): open it
  // the way a reader does, by whatever button names the box in aria-controls.
  const box = reader.locator('[data-save-offline]');
  if (!(await box.isVisible())) {
    const id = await box.getAttribute('id');
    if (!id) throw new Error(`${article}: the save box is hidden and no button opens it`);
    await reader.locator(`[aria-controls="${id}"]`).first().click();
  }
  await box.locator('[data-save-go]').click();
  await reader.locator('[data-save-remove]').waitFor({ state: 'visible', timeout: 60_000 });
  await ctx.setOffline(true);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const p = await ctx.newPage();
    await p.goto(`${base}${article}`);
    times.push(
      await p.evaluate(
        () =>
          new Promise((resolve) => {
            const seen = performance.getEntriesByName('first-contentful-paint')[0];
            if (seen) return resolve(seen.startTime);
            new PerformanceObserver((l) => resolve(l.getEntries()[0].startTime)).observe({
              type: 'paint',
              buffered: true,
            });
          }),
      ),
    );
    if (await p.locator('[data-offline-page]').count()) throw new Error('the saved article was not served offline');
    await p.close();
  }
  times.sort((a, b) => a - b);
  console.log(
    `\nsaved article offline (${article}): first contentful paint median ${times[Math.floor(times.length / 2)].toFixed(0)} ms over ${runs} runs (min ${times[0].toFixed(0)}, max ${times.at(-1).toFixed(0)})`,
  );
} finally {
  await browser.close();
  await new Promise((r) => server.close(r));
}
