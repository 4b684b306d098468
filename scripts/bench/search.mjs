/**
 * Search benchmark: our index (fuse.js over build-time core + detail files) against Pagefind 1.6 on the same
 * synthetic corpus, in Chromium with 4× CPU throttling.
 *
 * For each size (1,000 and 5,000 articles by default) it generates a corpus (scripts/synthetic/corpus.mjs) and
 * makes both indexes of the zh-hans documents. By default without an Astro build (a 5,000-article site is
 * 20,000+ pages, too slow for a shared 2-core machine): our index by the site's own code (searchDocs +
 * buildIndex), Pagefind's from the same documents as custom records with the full body text. With --astro it
 * builds the real site (CONTENT_DIR + OUT_DIR outside dist/) and runs Pagefind over the <main> of its zh-hans
 * pages. The folder is served on 127.0.0.1 and measured in Chromium:
 *   - index bytes, raw and gzip: ours = core + detail; Pagefind = every file of its bundle the run fetched
 *     (JS, WASM, entry, meta, index chunks and fragments), and the whole bundle on disk for reference;
 *   - time to fetch and build the index: ours = fetch + parse + fuse.js set-up (core, then with detail);
 *     Pagefind = import pagefind.js + init() (WASM, entry, metadata);
 *   - per-query time, p50 and p95, over the 50 queries below (Pagefind: search() plus data() of the top 10,
 *     which is what a results list needs; ours returns display-ready hits).
 *
 *   npm run bench:search                      # both sizes
 *   npm run bench:search -- --sizes 1000      # one size
 *   npm run bench:search -- --reuse           # keep indexes built by an earlier run with the same options
 *   npm run bench:search -- --astro --sizes 300   # through a real Astro build of the synthetic site
 * Work folder: $BENCH_DIR or /tmp/hc-bench-search. Port: $BENCH_PORT or a free one.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { chromium } from '@playwright/test';
import { generateCorpus } from '../synthetic/corpus.mjs';
import { loadLocalContent } from '../../src/content/loaders/local.ts';
import { buildIndex } from '../../src/lib/search/build.ts';
import { searchDocs } from '../../src/lib/search/docs.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const SIZES = String(arg('sizes', '1000,5000')).split(',').map(Number);
const REUSE = args.includes('--reuse');
const ASTRO = args.includes('--astro');
const WORK = path.resolve(process.env.BENCH_DIR ?? '/tmp/hc-bench-search');
const PORT_WANTED = Number(process.env.BENCH_PORT ?? 0);
let PORT = PORT_WANTED;
const EVENTS = 100;
const THROTTLE = 4;

/** 50 queries a resident might type: words, partial words, pinyin, initials, Traditional, dialect, English, typos. */
export const QUERIES = [
  '血压', '高血压', '量血压', '血压计', '家庭血压', 'gaoxueya', 'gxy', 'xueya', '血壓', '高血壓',
  '食咸', '口重', '少盐', '减盐', '低盐饮食', '糖尿病', 'tangniaobing', 'tnb', '血糖', '控糖',
  '中风', '脑卒中', 'zhongfeng', '跌倒', '防跌倒', 'diedao', '骨质疏松', '疫苗', '流感疫苗', '接种',
  '近视', 'jinshi', '龋齿', '蛀牙', '母乳喂养', '母乳', '产后', '抑郁', '睡眠', '失眠',
  '戒烟', '二手烟', '八段锦', '太极', '心肺复苏', 'AED', '痴呆', '老年人', 'blood pressure', '母乳喂羊',
];

function run(cmd, argv, env) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, argv, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${argv.join(' ')} exited ${code}\n${err.slice(-2000)}`))));
  });
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

async function buildAstroSite(n) {
  const corpus = path.join(WORK, `corpus-${n}`);
  const site = path.join(WORK, `site-${n}`);
  const stampFile = path.join(WORK, `site-${n}.stamp`);
  const stamp = JSON.stringify({ n, events: EVENTS, astro: true });
  if (REUSE && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && existsSync(path.join(site, 'pagefind'))) return site;
  let t = Date.now();
  await generateCorpus({ outDir: corpus, articles: n, events: EVENTS, translated: 0.25 });
  console.error(`[bench] corpus of ${n} articles in ${((Date.now() - t) / 1000).toFixed(1)} s; building the site…`);
  t = Date.now();
  await run(process.execPath, [path.join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    CONTENT_DIR: corpus, OUT_DIR: site, BUILD_NOW: '2026-11-22T09:00:00+08:00', ASTRO_TELEMETRY_DISABLED: '1',
  });
  console.error(`[bench] site built in ${((Date.now() - t) / 1000).toFixed(0)} s; Pagefind…`);
  t = Date.now();
  const pagefind = await import('pagefind');
  const { index, errors } = await pagefind.createIndex({ rootSelector: 'main' });
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  // The zh-hans pages only: our index is per locale too.
  const skip = /^(zh-hant|yue|en|search-index|pagefind|_astro|media)\//;
  let pages = 0;
  for (const f of walk(site)) {
    const rel = path.relative(site, f).split(path.sep).join('/');
    if (!rel.endsWith('.html') || skip.test(rel) || rel === '404.html') continue;
    const r = await index.addHTMLFile({ url: `/${rel.replace(/index\.html$/, '')}`, content: await readFile(f, 'utf8') });
    if (r.errors.length) throw new Error(`pagefind ${rel}: ${r.errors.join('; ')}`);
    pages++;
  }
  const w = await index.writeFiles({ outputPath: path.join(site, 'pagefind') });
  if (w.errors.length) throw new Error(`pagefind write: ${w.errors.join('; ')}`);
  await pagefind.close();
  console.error(`[bench] Pagefind indexed ${pages} pages in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  writeFileSync(stampFile, stamp);
  return site;
}


const HEADING = /^(#{2,3})\s+(.+)$/gm;
/** Markdown to the words a reader sees (good enough for Pagefind's full-text index). */
const plain = (md) => md.replace(/^#+\s+/gm, '').replace(/[*_`>|[\]()-]/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * The fast path (default): no Astro build. Our zh-hans index is made by the same code the site uses
 * (searchDocs + buildIndex) from the synthetic content folder; Pagefind indexes the same documents as custom
 * records holding what the page's <main> shows (title, summary, full body). A bare page hosts both.
 */
async function buildDirect(n) {
  const corpus = path.join(WORK, `corpus-${n}`);
  const site = path.join(WORK, `direct-${n}`);
  const stampFile = path.join(WORK, `direct-${n}.stamp`);
  const stamp = JSON.stringify({ n, events: EVENTS });
  if (REUSE && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return site;
  let t = Date.now();
  await generateCorpus({ outDir: corpus, articles: n, events: EVENTS, translated: 0.25 });
  const set = await loadLocalContent(corpus);
  const articles = set.articles.map((x) => x.data);
  const families = set.families.map((x) => x.data).filter((f) => !f.hidden);
  const input = {
    articles,
    articleTexts: new Map(articles.map((a) => [a.slug, { title: a.title, summary: a.summary, headings: [...a.body.matchAll(HEADING)].map((m) => ({ depth: m[1].length, text: m[2] })) }])),
    events: set.events.map((x) => x.data),
    families,
    familyTexts: new Map(families.map((f) => [f.slug, { title: f.displayName, summary: f.summary, habits: f.habits }])),
    quizzes: set.quizzes.map((x) => x.data),
    audiences: set.audiences.map((x) => x.data),
    topics: set.topics.map((x) => x.data),
  };
  const { docs, audiences, topics } = searchDocs('zh-hans', input);
  const built = buildIndex(docs, { locale: 'zh-hans', base: '', dir: '/search-index/zh-hans', audiences, topics });
  await rm(site, { recursive: true, force: true });
  await mkdir(path.join(site, 'search-index/zh-hans'), { recursive: true });
  await mkdir(path.join(site, 'search'), { recursive: true });
  writeFileSync(path.join(site, `search-index/zh-hans/${built.coreHash}.json`), built.coreJson);
  writeFileSync(path.join(site, `search-index/zh-hans/${built.detailHash}.json`), built.detailJson);
  writeFileSync(path.join(site, 'search/index.html'), `<!doctype html><html lang="zh-Hans"><meta charset="utf-8"><title>bench</title><div data-search data-index="/search-index/zh-hans/${built.coreHash}.json"></div></html>`);
  console.error(`[bench] corpus and our index for ${n} articles (${docs.length} documents) in ${((Date.now() - t) / 1000).toFixed(1)} s; Pagefind…`);

  t = Date.now();
  const body = new Map([
    ...articles.map((a) => [`article:${a.slug}`, plain(a.body)]),
    ...input.events.map((e) => [`event:${e.slug}`, plain(e.description)]),
    ...families.map((f) => [`family:${f.slug}`, plain(f.story)]),
    ...input.quizzes.map((q) => [`quiz:${q.slug}`, plain(q.intro)]),
  ]);
  const pagefind = await import('pagefind');
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  const PATHS = { article: '/articles/', event: '/events/', family: '/families/', quiz: '/self-check/', hub: '/' };
  for (const d of docs) {
    const r = await index.addCustomRecord({
      url: `${PATHS[d.type]}${d.id}/`,
      content: [d.title, d.summary, ...d.headings, body.get(`${d.type}:${d.id}`) ?? ''].join('\n'),
      language: 'zh',
      meta: { title: d.title },
    });
    if (r.errors.length) throw new Error(`pagefind ${d.id}: ${r.errors.join('; ')}`);
  }
  const w = await index.writeFiles({ outputPath: path.join(site, 'pagefind') });
  if (w.errors.length) throw new Error(`pagefind write: ${w.errors.join('; ')}`);
  await pagefind.close();
  console.error(`[bench] Pagefind indexed ${docs.length} records in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  writeFileSync(stampFile, stamp);
  return site;
}

const buildSite = (n) => (ASTRO ? buildAstroSite(n) : buildDirect(n));

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm', '.css': 'text/css' };

/** A static server for one site folder that also serves the engine bundle; it counts the bytes it sends. */
function serve(site, engineJs) {
  const sent = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/__bench/engine.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      return res.end(engineJs);
    }
    let file = path.join(site, decodeURIComponent(url.pathname));
    if (!file.startsWith(site)) return res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file)) return res.writeHead(404).end();
    const body = readFileSync(file);
    sent.push({ path: url.pathname, body });
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(PORT_WANTED, '127.0.0.1', () => {
    PORT = server.address().port;
    resolve({ server, sent });
  }));
}

const pct = (list, p) => {
  const s = [...list].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const sizes = (files) => ({ raw: files.reduce((n, f) => n + f.body.length, 0), gzip: files.reduce((n, f) => n + gzipSync(f.body).length, 0) });

async function measure(site, engineJs) {
  const { server, sent } = await serve(site, engineJs);
  const browser = await chromium.launch({
    executablePath: ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p)),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const out = {};
    for (const engine of ['ours', 'pagefind']) {
      const page = await browser.newPage();
      const cdp = await page.context().newCDPSession(page);
      await page.goto(`http://127.0.0.1:${PORT}/search/`);
      if (engine === 'ours') await page.addScriptTag({ url: '/__bench/engine.js' });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
      const from = sent.length;
      const indexUrl = await page.getAttribute('[data-search]', 'data-index');
      const r = await page.evaluate(
        async ({ engine, indexUrl, queries }) => {
          const now = () => performance.now();
          const times = [];
          let found = 0;
          if (engine === 'ours') {
            const { createEngine } = window.__hcSearch;
            const t0 = now();
            const core = await (await fetch(indexUrl)).json();
            createEngine(core);
            const coreMs = now() - t0;
            const detail = await (await fetch(core.detail)).json();
            const e = createEngine(core, detail);
            const loadMs = now() - t0;
            for (const q of queries) {
              const t = now();
              const hits = e.search(q);
              times.push(now() - t);
              if (hits.length) found++;
            }
            return { loadMs, coreMs, times, found };
          }
          const t0 = now();
          const pf = await import('/pagefind/pagefind.js');
          await pf.init();
          const loadMs = now() - t0;
          for (const q of queries) {
            const t = now();
            const res = await pf.search(q);
            await Promise.all(res.results.slice(0, 10).map((x) => x.data()));
            times.push(now() - t);
            if (res.results.length) found++;
          }
          return { loadMs, times, found };
        },
        { engine, indexUrl, queries: QUERIES },
      );
      const files = sent.slice(from).filter((f) => (engine === 'ours' ? f.path.startsWith('/search-index/') : f.path.startsWith('/pagefind/')));
      out[engine] = { ...r, bytes: sizes(files), files: files.length, p50: pct(r.times, 50), p95: pct(r.times, 95) };
      await page.close();
    }
    const bundle = walk(path.join(site, 'pagefind')).map((f) => ({ body: readFileSync(f) }));
    out.pagefind.disk = { ...sizes(bundle), files: bundle.length };
    return out;
  } finally {
    await browser.close();
    server.close();
  }
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => `${n.toFixed(1)} ms`;
const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(2)}×` : '—');

const engineJs = (await esbuild.build({
  entryPoints: [path.join(ROOT, 'src/lib/search/engine.ts')], bundle: true, format: 'iife', globalName: '__hcSearch', minify: true, write: false, target: 'es2022',
})).outputFiles[0].text;

const rows = [];
for (const n of SIZES) {
  const site = await buildSite(n);
  const m = await measure(site, engineJs);
  rows.push({ n, ...m });
  console.error(`[bench] ${n}: measured`);
}

console.log(`\nSearch benchmark — Chromium, ${THROTTLE}× CPU throttling, ${QUERIES.length} queries, zh-hans index (+${EVENTS} events, families, quizzes, hubs; ${ASTRO ? 'built Astro site' : 'index built directly from the corpus'})`);
console.log('ours = fuse.js over core+detail JSON; pf = Pagefind 1.6 (files fetched during the run); ratio = ours / pf\n');
const head = ['articles', 'metric', 'ours', 'pagefind', 'ratio'];
const table = [];
for (const r of rows) {
  const o = r.ours;
  const p = r.pagefind;
  table.push(
    [r.n, 'index bytes raw', kb(o.bytes.raw), kb(p.bytes.raw), ratio(o.bytes.raw, p.bytes.raw)],
    [r.n, 'index bytes gzip', kb(o.bytes.gzip), kb(p.bytes.gzip), ratio(o.bytes.gzip, p.bytes.gzip)],
    [r.n, 'files fetched', String(o.files), String(p.files), ''],
    [r.n, 'pagefind bundle on disk (gzip)', '', `${kb(p.disk.gzip)} in ${p.disk.files} files`, ''],
    [r.n, 'fetch+build index', ms(o.loadMs), ms(p.loadMs), ratio(o.loadMs, p.loadMs)],
    [r.n, '  ours: core only', ms(o.coreMs), '', ''],
    [r.n, 'query p50', ms(o.p50), ms(p.p50), ratio(o.p50, p.p50)],
    [r.n, 'query p95', ms(o.p95), ms(p.p95), ratio(o.p95, p.p95)],
    [r.n, 'queries with results', `${o.found}/${QUERIES.length}`, `${p.found}/${QUERIES.length}`, ''],
  );
}
const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => String(row[i]).length)));
const line = (row) => row.map((c, i) => String(c).padEnd(widths[i])).join('  ');
console.log(line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of table) console.log(line(row));
writeFileSync(path.join(WORK, 'results.json'), JSON.stringify(rows.map(({ n, ours, pagefind }) => ({ n, ours: { ...ours, times: undefined }, pagefind: { ...pagefind, times: undefined } })), null, 2));
console.log(`\n(raw figures: ${path.join(WORK, 'results.json')})`);
