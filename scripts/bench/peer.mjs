/**
 * The peer: the same synthetic articles built by our site and by Astro Starlight (fixture in
 * scripts/bench/starlight/, its own package.json and lock, installed on demand into that folder, never part of
 * the site or its workspaces). Prints the bytes an article page loads (HTML + CSS + JS, gzip) and build time
 * per page for both, and the ratios ours / Starlight.
 *
 *   node scripts/bench/peer.mjs [--articles 500]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as yaml from 'js-yaml';
import { generateCorpus } from '../synthetic/corpus.mjs';
import { pageResources } from './lib/resources.ts';
import { fileToUrl } from './lib/pages.ts';
import { timedBuild } from './build.mjs';
import { htmlFiles, kb, table } from './measure.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE = path.join(HERE, 'starlight');

/** npm ci in the fixture when its dependencies are missing (or older than its lock). */
export function ensurePeerInstalled() {
  const marker = path.join(FIXTURE, 'node_modules/@astrojs/starlight/package.json');
  if (existsSync(marker)) return;
  process.stderr.write('peer: installing Starlight into scripts/bench/starlight/node_modules (once)…\n');
  const npm = (args) =>
    spawnSync('npm', [...args, '--no-audit', '--no-fund', '--workspaces=false'], {
      cwd: FIXTURE,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  // npm ci refuses a lock that lacks an optional platform package the registry mirror does not carry
  // (napi-windows-process-start-time); npm install then installs the same locked versions without saving.
  if (npm(['ci']).status !== 0 && npm(['install', '--no-save']).status !== 0)
    throw new Error('peer: npm install failed in scripts/bench/starlight');
}

/** Write the corpus's articles as Starlight docs: originals at the root locale, translations under their locale. */
export function writeStarlightDocs(corpusDir, docsDir) {
  rmSync(docsDir, { recursive: true, force: true });
  const src = path.join(corpusDir, 'articles');
  let written = 0;
  for (const f of readdirSync(src).filter((x) => x.endsWith('.md'))) {
    const m = /^([^.]+)(?:\.(zh-hant|yue|en))?\.md$/.exec(f);
    if (!m) continue;
    const [, slug, locale] = m;
    const text = readFileSync(path.join(src, f), 'utf8');
    const fm = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
    const data = yaml.load(fm[1]);
    const out = path.join(docsDir, locale ?? '', 'articles', `${slug}.md`);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(
      out,
      `---\n${yaml.dump({ title: data.title, description: data.summary }, { lineWidth: -1 })}---\n${fm[2]}`,
    );
    written++;
  }
  return written;
}

/** Mean gzip bytes (total and by kind) over the article pages of a built site. */
function articleBytes(dist, isArticle) {
  const cache = new Map();
  const read = (url) => {
    if (!cache.has(url)) {
      const f = path.join(dist, decodeURIComponent(url.split('?')[0]));
      cache.set(url, existsSync(f) && !f.endsWith('/') ? readFileSync(f, 'utf8') : null);
    }
    return cache.get(url);
  };
  const files = htmlFiles(dist).filter(isArticle);
  const sum = { html: 0, css: 0, js: 0, total: 0 };
  for (const file of files) {
    const r = pageResources(fileToUrl(file), readFileSync(path.join(dist, file), 'utf8'), read);
    sum.html += r.gzip.html;
    sum.css += r.gzip.css;
    sum.js += r.gzip.js;
    sum.total += r.total;
  }
  const n = files.length || 1;
  return { pages: files.length, html: sum.html / n, css: sum.css / n, js: sum.js / n, total: sum.total / n };
}

export async function peerBench({ articles = 500, work = path.join(tmpdir(), 'hc-bench-peer') } = {}) {
  ensurePeerInstalled();
  mkdirSync(work, { recursive: true });
  const corpus = path.join(work, `corpus-${articles}`);
  await generateCorpus({ outDir: corpus, articles, events: 0 });
  const docs = path.join(FIXTURE, 'src/content/docs');
  writeStarlightDocs(corpus, docs);

  const isOurArticle = (f) => /^(?:(?:zh-hant|yue|en)\/)?articles\/[^/]+\/index\.html$/.test(f);
  const oursOut = path.join(work, 'dist-ours');
  const peerOut = path.join(work, 'dist-starlight');
  rmSync(oursOut, { recursive: true, force: true });
  rmSync(peerOut, { recursive: true, force: true });
  process.stderr.write(`peer: building ours with ${articles} articles…\n`);
  const ours = await timedBuild({ env: { CONTENT_DIR: corpus, OUT_DIR: oursOut } });
  process.stderr.write(`peer: building Starlight with the same ${articles} articles…\n`);
  const peer = await timedBuild({ cwd: FIXTURE, env: { OUT_DIR: peerOut } });
  const result = {
    articles,
    ours: { ...ours, pages: htmlFiles(oursOut).length, article: articleBytes(oursOut, isOurArticle) },
    starlight: { ...peer, pages: htmlFiles(peerOut).length, article: articleBytes(peerOut, isOurArticle) },
  };
  rmSync(docs, { recursive: true, force: true });
  rmSync(corpus, { recursive: true, force: true });
  rmSync(oursOut, { recursive: true, force: true });
  rmSync(peerOut, { recursive: true, force: true });
  return result;
}

export function peerTable(r) {
  const ratio = (a, b) => `×${(a / b).toFixed(2)}`;
  const perPage = (x) => (x.seconds * 1000) / x.pages;
  const row = (name, x) => [
    name,
    x.article.pages,
    kb(x.article.html),
    kb(x.article.css),
    kb(x.article.js),
    kb(x.article.total),
    x.pages,
    `${x.seconds.toFixed(0)} s`,
    `${perPage(x).toFixed(1)} ms`,
    `${(x.peakBytes / 1048576).toFixed(0)} MB`,
  ];
  return table(
    [
      'site',
      'article pages',
      'HTML',
      'CSS',
      'JS',
      'article page total',
      'all pages',
      'build',
      'build per page',
      'peak memory',
    ],
    [
      row('ours', r.ours),
      row('Starlight 0.42.4', r.starlight),
      [
        'ours / Starlight',
        '',
        ratio(r.ours.article.html, r.starlight.article.html),
        ratio(r.ours.article.css, r.starlight.article.css),
        r.starlight.article.js ? ratio(r.ours.article.js, r.starlight.article.js) : '—',
        ratio(r.ours.article.total, r.starlight.article.total),
        '',
        ratio(r.ours.seconds, r.starlight.seconds),
        ratio(perPage(r.ours), perPage(r.starlight)),
        ratio(r.ours.peakBytes, r.starlight.peakBytes),
      ],
    ],
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const articles = Number(args.includes('--articles') ? args[args.indexOf('--articles') + 1] : 500);
  const r = await peerBench({ articles });
  console.log(`\nPeer: ${articles} synthetic articles × 4 locales, mean per article page (gzip)\n`);
  console.log(peerTable(r));
}
