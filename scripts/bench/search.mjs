/**
 * Search benchmark: our sharded index against Pagefind 1.6, like for like, in Chromium at 4× CPU throttling.
 *
 * For each size (1,000 and 5,000 articles by default; any size ≤ the real content means the real content only)
 * it generates a corpus (scripts/synthetic/corpus.mjs: real content + synthetic articles recombined sentence by
 * sentence from articles on the same subject, + 100 events) and builds, per locale, both indexes of the same
 * documents: ours by the site's own code (searchDocs + buildIndex, scripts/bench/search-local.mjs); Pagefind's
 * as custom records holding what a page shows (title, summary, headings, body, audience/topic names, event type
 * and place) plus the keywords and aliases (which pages do not show: Pagefind gets them so it is not judged on
 * words it was never given). A bare page per locale hosts both; a static server counts what it sends.
 *
 * Both engines are timed the same way on the same page, each round in a fresh browser context per engine (empty
 * cache), each engine on its own server (so its bytes are its own). The two are open side by side and take turns
 * query by query (ours then Pagefind, then Pagefind then ours, …), so a machine whose speed changes from one second
 * to the next slows both alike. The servers send text gzip-encoded, as the site's host does; every file is
 * compressed before the first request and bytes are counted after the timed part, so no request waits for either:
 *   - setup: from nothing to ready to search — load the engine code + fetch the manifest (ours) / import
 *     pagefind.js + init() (Pagefind: WASM, entry, metadata);
 *   - first search: setup + one query + the display data of its top 10 (ours: rank + hits; Pagefind: search()
 *     + data() of the top 10) — every fetch included;
 *   - warm searches ("next query"): every further zh-hans query of the relevance set the same way, p50 and p95
 *     (fetching only what that query needs and is not loaded yet, on both sides); and each query run again
 *     at once ("same words": its data loaded — the cost of a keystroke that needs nothing new);
 *   - bytes (gzip, as a server would send them; already-compressed Pagefind files counted as they are), engine
 *     code included on both sides: for the first search, and for the first 10 searches;
 *   - relevance: hit@1 / hit@3 over tests/fixtures/search-relevance.yaml (every locale), the same judged answers
 *     for both; at scale, a synthetic article counts as good when the real article it was made from is; hit@1 of
 *     the questions asked in full sentences (kind "sentence") apart, as sentenceHitAt1;
 *   - newQueryRatio: our next-query p95 over Pagefind's in the same run (goal ≤ 0.8).
 * Then, on the built site (dist/, or --site DIR; skipped with --typed 0), typing: the zh-hans sentence questions
 * typed into /search/ one character every TYPE_GAP ms (each prefix runs, as for a slow typist), in a fresh
 * context each (empty cache) at 4× throttle, timed from the last keystroke to the results painted (debounce
 * included): p50 / p95 as the record { engine: 'site', typedP50Ms, typedP95Ms }.
 *
 *   npm run bench:search                           # 1,000 and 5,000 articles
 *   npm run bench:search -- --sizes 1000 --rounds 3 --json /tmp/search.json --reuse --typed 10
 *   … --detail             the slowest new queries of each engine, with each file's answer, body and parse times
 * Work folder: $BENCH_DIR or /tmp/hc-bench-search. Port: $BENCH_PORT or a free one.
 */
import { CHROMIUM, CHROMIUM_ARGS } from '../chromium.mjs';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import * as yaml from 'js-yaml';
import { chromium } from '@playwright/test';
import { generateCorpus } from '../synthetic/corpus.mjs';
import { loadLocalContent } from '../../src/content/loaders/local.ts';
import { parseRelevance, scoreRelevance } from '../../src/lib/search/relevance.ts';
import { idOfUrl, localIndex } from './search-local.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const arg = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const SIZES = String(arg('sizes', '1000,5000')).split(',').map(Number);
const ROUNDS = Number(arg('rounds', 3));
const REUSE = args.includes('--reuse');
const JSON_OUT = arg('json', undefined);
const SITE = path.resolve(arg('site', path.join(ROOT, 'dist')));
const TYPED = Number(arg('typed', 1000));
const TYPE_GAP = 250;
/** --detail: the slowest new queries of each engine, with the files each fetched and where their time went. */
const DETAIL = args.includes('--detail');
const WORK = path.resolve(process.env.BENCH_DIR ?? '/tmp/hc-bench-search');
const PORT_WANTED = Number(process.env.BENCH_PORT ?? 0);
const EVENTS = 100;
const THROTTLE = 4;
const TOP = 10;
const BASES = { 'zh-hans': '', 'zh-hant': '/zh-hant', yue: '/yue', en: '/en' };
const HTML_LANG = { 'zh-hans': 'zh-Hans', 'zh-hant': 'zh-Hant', yue: 'yue-Hant', en: 'en' };
const PF_LANG = { 'zh-hans': 'zh', 'zh-hant': 'zh', yue: 'zh', en: 'en' };

const CASES = parseRelevance(yaml.load(readFileSync(path.join(ROOT, 'tests/fixtures/search-relevance.yaml'), 'utf8')));
const LOCALES = [...new Set(CASES.map((c) => c.locale))];
/** The first searches of the rounds (common subjects), then the zh-hans relevance queries as warm searches. */
const FIRST = ['高血压', '头晕', '八段锦', '流感疫苗', '睡不着'];

async function buildSite(n) {
  const corpus = path.join(WORK, `corpus-${n}`);
  const site = path.join(WORK, `site-${n}`);
  const stampFile = path.join(WORK, `site-${n}.stamp`);
  const src =
    readFileSync(path.join(ROOT, 'src/lib/search/build.ts'), 'utf8') +
    readFileSync(path.join(ROOT, 'scripts/synthetic/corpus.mjs'), 'utf8');
  const stamp = JSON.stringify({ n, events: EVENTS, locales: LOCALES, src: src.length });
  if (REUSE && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp)
    return { site, templates: JSON.parse(readFileSync(path.join(WORK, `templates-${n}.json`), 'utf8')) };
  let t = Date.now();
  const gen = await generateCorpus({ outDir: corpus, articles: n, events: EVENTS, translated: 0.25 });
  writeFileSync(path.join(WORK, `templates-${n}.json`), JSON.stringify(gen.templates));
  const set = await loadLocalContent(corpus);
  console.error(
    `[bench] corpus: ${set.articles.length} articles, ${set.events.length} events (${((Date.now() - t) / 1000).toFixed(1)} s)`,
  );
  await rm(site, { recursive: true, force: true });
  const pagefind = await import('pagefind');
  for (const locale of LOCALES) {
    t = Date.now();
    const { docs, built } = await localIndex(set, locale);
    const dir = path.join(site, 'search-index', locale);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, `${built.manifestHash}.json`), built.manifestJson);
    for (const [file, json] of built.files) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), json);
    }
    const page = path.join(site, BASES[locale].slice(1), 'search');
    await mkdir(page, { recursive: true });
    await writeFile(
      path.join(page, 'index.html'),
      `<!doctype html><html lang="${HTML_LANG[locale]}"><meta charset="utf-8"><title>bench</title><div data-search data-index="/search-index/${locale}/${built.manifestHash}.json" data-pagefind="/pagefind-${locale}/pagefind.js"></div></html>`,
    );
    const ours = (Date.now() - t) / 1000;
    t = Date.now();
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
    const aud = Object.fromEntries(
      set.audiences.map((a) => [a.data.id, a.data.name[locale] ?? a.data.name['zh-hans']]),
    );
    const top = Object.fromEntries(set.topics.map((x) => [x.data.id, x.data.name[locale] ?? x.data.name['zh-hans']]));
    for (const d of docs) {
      const url = docUrl(locale, d);
      const r = await index.addCustomRecord({
        url,
        content: [
          d.title,
          d.summary,
          ...d.headings,
          d.body ?? '',
          ...d.keywords,
          ...d.audiences.map((a) => aud[a]),
          ...d.topics.map((x) => top[x]),
          ...(d.names ?? []),
        ]
          .filter(Boolean)
          .join('\n'),
        language: PF_LANG[locale],
        meta: { title: d.title },
      });
      if (r.errors.length) throw new Error(`pagefind ${d.id}: ${r.errors.join('; ')}`);
    }
    const w = await index.writeFiles({ outputPath: path.join(site, `pagefind-${locale}`) });
    if (w.errors.length) throw new Error(`pagefind write: ${w.errors.join('; ')}`);
    console.error(
      `[bench] ${n} ${locale}: ${docs.length} documents; ours built in ${ours.toFixed(1)} s, Pagefind in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );
  }
  await pagefind.close();
  writeFileSync(stampFile, stamp);
  return { site, templates: gen.templates };
}

const PATHS = { article: '/articles/', event: '/events/', family: '/families/', quiz: '/self-check/', hub: '/' };
const docUrl = (locale, d) => `${BASES[locale]}${PATHS[d.type]}${d.id}/`;

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
};
const gz = (body) => Math.min(body.length, gzipSync(body).length);
/** Gzip bytes of what was sent (each path's files do not change during a run, so each is compressed once). */
const gzipOf = new Map();
const bytesOf = (sent) =>
  sent.reduce((n, x) => {
    if (!gzipOf.has(x.path)) gzipOf.set(x.path, gz(x.body));
    return n + gzipOf.get(x.path);
  }, 0);

/**
 * A static server for one site folder that also serves our engine bundle; it records what it sends. Text goes
 * gzip-encoded to a client that accepts it, as the site's host sends it (docs/deploying.md, scripts/serve.mjs);
 * every text file is compressed before the first request, so no request waits for compression. Pagefind's index
 * files are compressed already and go as they are.
 */
const gzipped = new Map();
function serve(site, engineJs) {
  const sent = [];
  const compressible = (p) => /\.(json|js|html|css)$/.test(p);
  for (const f of readdirSync(site, { recursive: true }))
    if (compressible(f) && !gzipped.has(path.join(site, f)))
      gzipped.set(path.join(site, f), gzipSync(readFileSync(path.join(site, f))));
  const engineGz = gzipSync(engineJs);
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let body;
    let zipped;
    let type = 'text/javascript';
    if (url.pathname === '/__bench/engine.js') {
      body = Buffer.from(engineJs);
      zipped = engineGz;
    } else {
      let file = path.join(site, decodeURIComponent(url.pathname));
      if (!file.startsWith(site)) return res.writeHead(403).end();
      if (url.pathname.endsWith('/')) file = path.join(file, 'index.html');
      if (!existsSync(file)) return res.writeHead(404).end();
      body = readFileSync(file);
      zipped = gzipped.get(file);
      type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    }
    // Bytes are counted after the timed part (bytesOf), not while the browser waits for the answer.
    sent.push({ path: url.pathname, body });
    const gzip = zipped && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    res.writeHead(200, {
      'Content-Type': type,
      'Cache-Control': 'no-store',
      ...(gzip ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}),
    });
    res.end(gzip ? zipped : body);
  });
  return new Promise((resolve) =>
    server.listen(PORT_WANTED, '127.0.0.1', () => resolve({ server, sent, port: server.address().port })),
  );
}

const pct = (list, p) => {
  const s = [...list].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};
const median = (list) => pct(list, 50);

/** In the page: load an engine, then run queries; window.__bench keeps the engine between calls. */
async function inPage(page, action, payload) {
  return page.evaluate(
    async ({ action, payload }) => {
      const now = () => performance.now();
      const root = document.querySelector('[data-search]');
      const b = (window.__bench ??= {});
      const fetchJson = async (url) => {
        b.fetched = (b.fetched ?? 0) + 1;
        const t0 = now();
        const r = await fetch(url);
        if (!r.ok) throw new Error(`${url} ${r.status}`);
        if (!b.detail) return r.json();
        // --detail: where each file's time goes (answer, body, parse).
        const t1 = now();
        const text = await r.text();
        const t2 = now();
        const j = JSON.parse(text);
        const at = (t) => (t - (b.t0 ?? t0)).toFixed(0);
        b.log.push(
          `${url.split('/').slice(-2).join('/')} ${text.length} chars: asked at ${at(t0)} ms, answer ${(t1 - t0).toFixed(0)} ms, body ${(t2 - t1).toFixed(0)} ms, parse ${(now() - t2).toFixed(0)} ms, done at ${at(now())} ms`,
        );
        return j;
      };
      async function query(q) {
        if (b.engine === 'ours') {
          const t = (b.t0 = now());
          const f = b.fetched ?? 0;
          const r = await b.s.rank(q);
          b.phase = { rankMs: now() - t, shards: (b.fetched ?? 0) - f };
          const hits = await b.s.hits(r, 0, payload.top);
          b.phase.docs = (b.fetched ?? 0) - f - b.phase.shards;
          return hits.map((h) => h.url);
        }
        const r = await b.pf.search(q);
        const data = await Promise.all(r.results.slice(0, payload.top).map((x) => x.data()));
        return data.map((d) => d.url);
      }
      if (action === 'first') {
        b.engine = payload.engine;
        b.detail = payload.detail;
        b.log = [];
        const t0 = now();
        if (payload.engine === 'ours') {
          // As the site's search page does: engine code and manifest in parallel.
          const [mod, manifest] = await Promise.all([import('/__bench/engine.js'), fetchJson(root.dataset.index)]);
          b.s = mod.createSearcher(manifest, fetchJson);
        } else {
          b.pf = await import(root.dataset.pagefind);
          await b.pf.init();
        }
        const setupMs = now() - t0;
        const urls = await query(payload.q);
        return { setupMs, firstMs: now() - t0, urls: [urls] };
      }
      const times = [];
      const repeat = [];
      const urls = [];
      const detail = [];
      for (const q of payload.queries) {
        let t = now();
        b.phase = undefined;
        b.log = [];
        urls.push(await query(q));
        times.push(now() - t);
        detail.push({ q, ms: times.at(-1), ...b.phase, log: b.log });
        // The same query again (its data loaded): what each further keystroke on the same words costs.
        t = now();
        await query(q);
        repeat.push(now() - t);
      }
      return { times, repeat, urls, detail };
    },
    { action, payload },
  );
}

/** One engine in its own fresh context (empty cache) and its own server (so its bytes are its own). */
async function openEngine(browser, srv, engine, locale, throttle) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${srv.port}${BASES[locale]}/search/`);
  if (throttle) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  const from = srv.sent.length;
  return {
    first: (q) => inPage(page, 'first', { engine, q, top: TOP, detail: DETAIL }),
    warm: (queries) => inPage(page, 'warm', { queries, top: TOP }),
    /** Gzip bytes this engine has been sent since it opened. */
    bytes: () => bytesOf(srv.sent.slice(from)),
    close: () => context.close(),
  };
}

async function runEngine(browser, srv, engine, locale, first, queries, throttle) {
  const e = await openEngine(browser, srv, engine, locale, throttle);
  try {
    const f = await e.first(first);
    const rest = await e.warm(queries);
    return { urls: [f.urls[0], ...rest.urls] };
  } finally {
    await e.close();
  }
}

function relevanceOf(results, templates) {
  // At scale a synthetic article made from a judged answer is a good answer too.
  const byTemplate = new Map();
  for (const [syn, real] of Object.entries(templates)) byTemplate.set(real, [...(byTemplate.get(real) ?? []), syn]);
  const cases = CASES.map((c) => ({ ...c, good: c.good.flatMap((g) => [g, ...(byTemplate.get(g) ?? [])]) }));
  return scoreRelevance(cases, results);
}

async function measure(n, site, templates, engineJs) {
  const servers = { ours: await serve(site, engineJs), pagefind: await serve(site, engineJs) };
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
  const blank = () => ({ setup: [], first: [], firstBytes: [], tenBytes: [], times: [], repeat: [], detail: [] });
  const out = { ours: blank(), pagefind: blank() };
  try {
    const warm = CASES.filter((c) => c.locale === 'zh-hans').map((c) => c.q);
    for (let round = 0; round < ROUNDS; round++) {
      // Both engines open side by side, and every query runs on one and then the other (the order alternating), so
      // a machine whose speed changes from second to second slows both alike.
      const order = round % 2 === 0 ? ['ours', 'pagefind'] : ['pagefind', 'ours'];
      const open = {};
      try {
        for (const engine of order) {
          open[engine] = await openEngine(browser, servers[engine], engine, 'zh-hans', true);
          const f = await open[engine].first(FIRST[round % FIRST.length]);
          const o = out[engine];
          o.setup.push(f.setupMs);
          o.first.push(f.firstMs);
          o.firstBytes.push(open[engine].bytes());
        }
        for (let i = 0; i < warm.length; i++) {
          for (const engine of i % 2 === 0 ? order : [...order].reverse()) {
            const r = await open[engine].warm([warm[i]]);
            const o = out[engine];
            o.times.push(...r.times);
            o.repeat.push(...r.repeat);
            o.detail.push(...r.detail);
            // The first search and nine more.
            if (i === 8) o.tenBytes.push(open[engine].bytes());
          }
        }
      } finally {
        for (const e of Object.values(open)) await e.close();
      }
      console.error(`[bench] ${n}: round ${round + 1}/${ROUNDS}`);
    }
    // Relevance: every case on its locale's page, top 3 (no throttling: ranking does not depend on speed).
    for (const engine of ['ours', 'pagefind']) {
      const results = new Array(CASES.length);
      for (const locale of LOCALES) {
        const idx = CASES.map((c, i) => [c, i]).filter(([c]) => c.locale === locale);
        const r = await runEngine(
          browser,
          servers[engine],
          engine,
          locale,
          idx[0][0].q,
          idx.slice(1).map(([c]) => c.q),
          false,
        );
        idx.forEach(([, i], k) => (results[i] = r.urls[k].slice(0, 3).map(idOfUrl)));
      }
      out[engine].relevance = relevanceOf(results, templates);
    }
  } finally {
    await browser.close();
    for (const { server } of Object.values(servers)) server.close();
  }
  return out;
}

const engineJs = (
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'src/lib/search/engine.ts')],
    bundle: true,
    format: 'esm',
    minify: true,
    write: false,
    target: 'es2022',
  })
).outputFiles[0].text;

await mkdir(WORK, { recursive: true });
const records = [];
const rows = [];
const details = [];
for (const n of SIZES) {
  const { site, templates } = await buildSite(n);
  const articles = (await loadLocalContent(path.join(WORK, `corpus-${n}`))).articles.length;
  const m = await measure(n, site, templates, engineJs);
  details.push([n, m]);
  for (const engine of ['ours', 'pagefind']) {
    const o = m[engine];
    const rec = {
      engine,
      articles,
      firstSearchBytesGzip: Math.round(median(o.firstBytes)),
      tenSearchesBytesGzip: Math.round(median(o.tenBytes)),
      setupMs: +median(o.setup).toFixed(1),
      firstSearchMs: +median(o.first).toFixed(1),
      p50Ms: +pct(o.times, 50).toFixed(1),
      p95Ms: +pct(o.times, 95).toFixed(1),
      repeatP50Ms: +pct(o.repeat, 50).toFixed(1),
      repeatP95Ms: +pct(o.repeat, 95).toFixed(1),
      hitAt1: +(o.relevance.hitAt1 / o.relevance.cases).toFixed(3),
      hitAt3: +(o.relevance.hitAt3 / o.relevance.cases).toFixed(3),
      queries: o.relevance.cases,
      // Questions asked in full sentences (kind "sentence" in the relevance set), apart.
      sentenceHitAt1: kindRate(o.relevance, 'sentence', 'hitAt1'),
      sentenceHitAt3: kindRate(o.relevance, 'sentence', 'hitAt3'),
      sentenceQueries: o.relevance.byKind.sentence?.cases ?? 0,
    };
    // A new query's p95 against Pagefind's in the same run (goal ≤ 0.8).
    if (engine === 'ours') rec.newQueryRatio = +(pct(o.times, 95) / pct(m.pagefind.times, 95)).toFixed(2);
    records.push(rec);
    rows.push({ ...rec, misses: o.relevance.misses });
  }
}

function kindRate(relevance, kind, key) {
  const k = relevance.byKind[kind];
  return k ? +(k[key] / k.cases).toFixed(3) : NaN;
}

/** Types each question into the built site's search page; ms from the last keystroke to its results painted. */
async function typedOnSite(site, questions) {
  const { createStaticServer } = await import('../serve.mjs');
  const server = createStaticServer(site);
  await new Promise((resolve) => server.listen(PORT_WANTED, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const times = [];
  try {
    for (const q of questions) {
      const context = await browser.newContext({ viewport: { width: 360, height: 800 }, serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.goto(`${origin}/search/`);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
      await page.locator('[data-search] input[type="search"]').focus();
      await page.waitForFunction(() => document.querySelector('[data-search]')?.dataset.loaded === 'manifest');
      times.push(
        await page.evaluate(
          async ({ q, gap }) => {
            const root = document.querySelector('[data-search]');
            const input = root.querySelector('input[type="search"]');
            const wait = (ms) => new Promise((r) => setTimeout(r, ms));
            const chars = [...q];
            for (let i = 1; i < chars.length; i++) {
              input.value = chars.slice(0, i).join('');
              input.dispatchEvent(new Event('input', { bubbles: true }));
              await wait(gap);
            }
            input.value = q;
            const t0 = performance.now();
            input.dispatchEvent(new Event('input', { bubbles: true }));
            while (root.dataset.shown !== q) await new Promise((r) => requestAnimationFrame(r));
            // The frame after the DOM change is the one that paints it.
            await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
            return performance.now() - t0;
          },
          { q, gap: TYPE_GAP },
        ),
      );
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return times;
}

if (TYPED > 0 && existsSync(path.join(SITE, 'search/index.html'))) {
  const questions = CASES.filter((c) => c.locale === 'zh-hans' && c.kind === 'sentence')
    .map((c) => c.q)
    .slice(0, TYPED);
  console.error(`[bench] typing ${questions.length} questions into ${SITE}/search/`);
  const times = await typedOnSite(SITE, questions);
  records.push({
    engine: 'site',
    questions: times.length,
    typeGapMs: TYPE_GAP,
    typedP50Ms: +pct(times, 50).toFixed(1),
    typedP95Ms: +pct(times, 95).toFixed(1),
  });
}

const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const pc = (x) => `${(100 * x).toFixed(1)} %`;
console.log(
  `\nSearch benchmark — Chromium, ${THROTTLE}× CPU throttle, ${ROUNDS} interleaved rounds per size, fresh cache each; top ${TOP} results with display data`,
);
console.log(
  'next query = a new query after setup, with whatever it must fetch; same words = that query again, nothing to fetch',
);
console.log(
  `relevance: ${CASES.length} judged queries (tests/fixtures/search-relevance.yaml), locales ${LOCALES.join(', ')}\n`,
);
const head = [
  'articles',
  'engine',
  'first search',
  'setup',
  'next query p50',
  'next query p95',
  'same words p50',
  'same words p95',
  'first search gzip',
  '10 searches gzip',
  'hit@1',
  'hit@3',
  'sentences hit@1',
  'new query p95 / Pagefind',
];
const typed = records.find((r) => r.engine === 'site');
const table = records
  .filter((r) => r !== typed)
  .map((r) => [
    String(r.articles),
    r.engine,
    `${r.firstSearchMs} ms`,
    `${r.setupMs} ms`,
    `${r.p50Ms} ms`,
    `${r.p95Ms} ms`,
    `${r.repeatP50Ms} ms`,
    `${r.repeatP95Ms} ms`,
    kb(r.firstSearchBytesGzip),
    kb(r.tenSearchesBytesGzip),
    pc(r.hitAt1),
    pc(r.hitAt3),
    `${pc(r.sentenceHitAt1)} of ${r.sentenceQueries}`,
    r.newQueryRatio === undefined ? '' : `${r.newQueryRatio}×`,
  ]);
const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (row) => `| ${row.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(line(head));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of table) console.log(line(row));
if (typed)
  console.log(
    `\ntyped into the built site's /search/ (${typed.questions} sentence questions, a character every ${typed.typeGapMs} ms, ${THROTTLE}× throttle, fresh cache each): last keystroke → results painted p50 ${typed.typedP50Ms} ms, p95 ${typed.typedP95Ms} ms`,
  );
if (args.includes('--misses')) {
  for (const r of rows) {
    console.log(`\n${r.engine} at ${r.articles}: first result not a good answer`);
    for (const m of r.misses) console.log(`  [${m.locale} ${m.kind}] ${m.q} → ${m.got.join(', ') || '(nothing)'}`);
  }
}
if (DETAIL) {
  // Where a new query's time goes: the slowest of each engine, with (ours) the ranking's share and the files fetched.
  for (const [n, m] of details) {
    for (const engine of ['ours', 'pagefind']) {
      const slow = [...m[engine].detail].sort((a, b) => b.ms - a.ms).slice(0, 25);
      console.log(`\n${engine} at ${n}: the slowest new queries`);
      for (const d of slow)
        console.log(
          `  ${d.ms.toFixed(0).padStart(4)} ms${d.rankMs === undefined ? '' : ` (rank ${d.rankMs.toFixed(0)} ms, ${d.shards} shards, ${d.docs} doc files)`}  ${d.q}\n     ${(d.log ?? []).join('\n     ')}`,
        );
      if (engine === 'ours') {
        const all = m.ours.detail;
        const avg = (k) => (all.reduce((x, d) => x + d[k], 0) / all.length).toFixed(2);
        console.log(`  per new query: ${avg('shards')} shards, ${avg('docs')} doc files`);
      }
    }
  }
}
if (JSON_OUT) {
  writeFileSync(path.resolve(JSON_OUT), JSON.stringify(records, null, 2));
  console.log(`\n(records: ${path.resolve(JSON_OUT)})`);
}
