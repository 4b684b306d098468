/**
 * npm run bench — builds the site (or --reuse-dist) and prints one table, a row per page type: gzip bytes of the
 * HTML, CSS and JS the page loads, the JS that runs before it is readable, and Lighthouse 13 (mobile preset,
 * system Chromium) performance / accessibility / best-practices / SEO with LCP, TBT and CLS, then the
 * Lighthouse targets (performance ≥ 95, accessibility 100) as information: scores move with machine load, so
 * they are a benchmark, not a gate (npm test gates the byte budgets and axe).
 *
 *   npm run bench [-- --reuse-dist] [--no-lighthouse] [--sizes] [--peer] [--articles 500] [--json out.json]
 *   --sizes   also the build benchmark at 500 / 2,000 / 5,000 articles (scripts/bench/build.mjs, slow)
 *   --peer    also the Starlight peer with the same synthetic articles (scripts/bench/peer.mjs)
 */
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileToUrl } from './lib/pages.ts';
import { evaluate, formatVerdicts } from './lib/budgets.ts';
import { timedBuild, scaleBench, scaleTable } from './build.mjs';
import { peerBench, peerTable } from './peer.mjs';
import { CHROMIUM, dirSize, kb, lighthouseRuns, measureDist, serve, table } from './measure.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const dist = path.join(ROOT, 'dist');
const report = {
  date: new Date().toISOString(),
  machine: `${cpus().length} × ${cpus()[0]?.model?.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
};

if (!args.includes('--reuse-dist')) {
  process.stderr.write('bench: building the site…\n');
  const b = await timedBuild({});
  report.build = { seconds: b.seconds, peakBytes: b.peakBytes, dist: dirSize(dist) };
}

const types = measureDist(dist);
let scores = [];
if (!args.includes('--no-lighthouse') && CHROMIUM) {
  const server = await serve(dist, Number(opt('--port', process.env.BENCH_PORT ?? 0)));
  try {
    process.stderr.write('bench: Lighthouse (mobile) on one page of each type…\n');
    scores = await lighthouseRuns(
      types.filter((t) => t.rep).map((t) => ({ kind: t.type.kind, url: server.origin + fileToUrl(t.rep.file) })),
    );
  } finally {
    await server.close();
  }
}

const rows = types.map(({ type, pages, rep }) => {
  if (!rep) return [type.label, 'not built', '', '', '', '', '', '', '', '', '', '', '', '', ''];
  const s = scores.find((x) => x.kind === type.kind);
  const largest = pages.reduce((a, b) => (b.total > a.total ? b : a));
  return [
    type.label,
    fileToUrl(rep.file),
    kb(rep.gzip.html),
    kb(rep.gzip.css),
    kb(rep.gzip.js),
    kb(rep.total),
    kb(largest.total),
    `${rep.jsBeforeReadable} B`,
    rep.react ? 'yes' : 'no',
    s?.performance ?? '—',
    s?.accessibility ?? '—',
    s?.bestPractices ?? '—',
    s?.seo ?? '—',
    s ? `${(s.lcpMs / 1000).toFixed(2)} s` : '—',
    s ? `${Math.round(s.tbtMs)} ms` : '—',
    s ? s.cls.toFixed(3) : '—',
  ];
});
console.log(
  `\nPages (gzip bytes a page loads; images and audio apart) — ${report.date.slice(0, 10)}, ${report.machine}`,
);
if (report.build)
  console.log(
    `build: ${report.build.seconds.toFixed(0)} s, peak ${(report.build.peakBytes / 2 ** 20).toFixed(0)} MB, dist/ ${(report.build.dist.bytes / 2 ** 20).toFixed(1)} MB in ${report.build.dist.files} files`,
  );
console.log(
  '"JS before readable" is script that runs before first paint (the inline display-preferences snippet); every',
);
console.log('other script is a deferred module. "largest" is the heaviest page of the type in any locale.\n');
console.log(
  table(
    [
      'page',
      'measured',
      'HTML',
      'CSS',
      'JS',
      'total',
      'largest',
      'JS before readable',
      'React',
      'perf',
      'a11y',
      'best pr.',
      'SEO',
      'LCP',
      'TBT',
      'CLS',
    ],
    rows,
  ),
);
if (scores.length) {
  console.log(
    '\nLighthouse targets (information, not a gate; re-run on a quiet machine before reading a miss as a regression):',
  );
  console.log(formatVerdicts(evaluate([], scores)));
}
report.pages = types.map(({ type, pages, rep }) => ({
  kind: type.kind,
  built: !!rep,
  pages: pages.length,
  representative: rep,
  lighthouse: scores.find((x) => x.kind === type.kind) ?? null,
}));

if (args.includes('--peer')) {
  report.peer = await peerBench({ articles: Number(opt('--articles', 500)) });
  console.log(
    `\nPeer: the same ${report.peer.articles} synthetic articles × 4 locales; mean bytes per article page (gzip), build time per page\n`,
  );
  console.log(peerTable(report.peer));
}
if (args.includes('--sizes')) {
  report.scale = await scaleBench({ maxMinutes: Number(opt('--max-minutes', 20)) });
  console.log('\nBuild cost at scale (each article in 4 locales, 1,000 events)\n');
  console.log(scaleTable(report.scale));
}
if (opt('--json')) writeFileSync(opt('--json'), JSON.stringify(report, null, 2));
